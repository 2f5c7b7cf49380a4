// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
// fake-provider: one provider fake with its default replies, for benches and manual runs.

#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>

#include "fakeanthropic.h"
#include "fakeollama.h"
#include "fakeopenai.h"

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"fake-provider"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Runs one model-provider fake on 127.0.0.1."_s);
    parser.addHelpOption();
    const QCommandLineOption kind(u"kind"_s, u"ollama, anthropic or openai."_s, u"kind"_s);
    const QCommandLineOption port(u"port"_s, u"Port (0 = any free port)."_s, u"port"_s, u"0"_s);
    const QCommandLineOption apiKey(u"api-key"_s, u"Required key (anthropic/openai; default: any)."_s, u"key"_s);
    const QCommandLineOption outputTokens(
        u"output-tokens"_s, u"Length of the default reply (anthropic/openai)."_s, u"n"_s, u"16"_s);
    const QCommandLineOption delay(u"chunk-delay-ms"_s, u"Delay between streamed chunks."_s, u"ms"_s, u"0"_s);
    const QCommandLineOption chunked(u"chunked"_s, u"Use Transfer-Encoding: chunked like the real servers."_s);
    parser.addOptions({ kind, port, apiKey, outputTokens, delay, chunked });
    parser.process(app);

    const QString k = parser.value(kind);
    const quint16 p = quint16(parser.value(port).toUInt());
    const int delayMs = parser.value(delay).toInt();
    bool ok = false;
    QUrl url;
    if (k == u"ollama"_s) {
        auto *fake = new Fakes::FakeOllama(&app);
        fake->setChunkDelayMs(delayMs);
        fake->setChunkedTransfer(parser.isSet(chunked));
        ok = fake->listen(p);
        url = fake->baseUrl();
    } else if (k == u"anthropic"_s) {
        auto *fake = new Fakes::FakeAnthropic(&app);
        fake->setApiKey(parser.value(apiKey));
        fake->setDefaultOutputTokens(parser.value(outputTokens).toInt());
        fake->setChunkDelayMs(delayMs);
        fake->setChunkedTransfer(parser.isSet(chunked));
        ok = fake->listen(p);
        url = fake->baseUrl();
    } else if (k == u"openai"_s) {
        auto *fake = new Fakes::FakeOpenAI(&app);
        fake->setApiKey(parser.value(apiKey));
        fake->setDefaultOutputTokens(parser.value(outputTokens).toInt());
        fake->setChunkDelayMs(delayMs);
        fake->setChunkedTransfer(parser.isSet(chunked));
        ok = fake->listen(p);
        url = fake->baseUrl();
    } else {
        std::fprintf(stderr, "fake-provider: --kind must be ollama, anthropic or openai\n");
        return 2;
    }
    if (!ok) {
        std::fprintf(stderr, "fake-provider: cannot listen on 127.0.0.1:%u\n", unsigned(p));
        return 1;
    }
    std::printf("listening on %s\n", url.toString().toUtf8().constData());
    std::fflush(stdout);
    return app.exec();
}
