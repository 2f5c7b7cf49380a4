// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include "providers/providererror.h"

using namespace Qt::Literals::StringLiterals;
using namespace Gateway::Providers;
using Kind = ProviderError::Kind;

class tst_ProviderError final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromHttp_data();
    void fromHttp();
    void retryable_data();
    void retryable();
    void kindNames();
    void secretIsMasked();
    void longMessageIsCut();
    void fromNetwork_data();
    void fromNetwork();
    void fromStream();
};

void tst_ProviderError::fromHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("errorType");
    QTest::addColumn<QString>("message");

    QTest::addRow("anthropic 429")
        << 429
        << QByteArray(R"({"type":"error","error":{"type":"rate_limit_error","message":"slow"},"request_id":"req_1"})")
        << Kind::RateLimited << u"rate_limit_error"_s << u"slow"_s;
    QTest::addRow("anthropic 529")
        << 529 << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
        << Kind::Overloaded << u"overloaded_error"_s << u"Overloaded"_s;
    QTest::addRow("anthropic overloaded as 429")
        << 429 << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
        << Kind::Overloaded << u"overloaded_error"_s << u"Overloaded"_s;
    QTest::addRow("anthropic 401")
        << 401
        << QByteArray(R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}})")
        << Kind::Auth << u"authentication_error"_s << u"invalid x-api-key"_s;
    QTest::addRow("anthropic 402 billing")
        << 402 << QByteArray(R"({"type":"error","error":{"type":"billing_error","message":"credit"}})") << Kind::Quota
        << u"billing_error"_s << u"credit"_s;
    QTest::addRow("anthropic 413") << 413
                                   << QByteArray(
                                          R"({"type":"error","error":{"type":"request_too_large","message":"big"}})")
                                   << Kind::BadRequest << u"request_too_large"_s << u"big"_s;
    QTest::addRow("openai quota")
        << 429
        << QByteArray(
               R"({"error":{"message":"quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}})")
        << Kind::Quota << u"insufficient_quota"_s << u"quota"_s;
    QTest::addRow("openai rate limit")
        << 429
        << QByteArray(R"({"error":{"message":"rl","type":"requests","param":null,"code":"rate_limit_exceeded"}})")
        << Kind::RateLimited << u"rate_limit_exceeded"_s << u"rl"_s;
    QTest::addRow("openai 404 model")
        << 404
        << QByteArray(R"({"error":{"message":"no model","type":"invalid_request_error","code":"model_not_found"}})")
        << Kind::BadRequest << u"model_not_found"_s << u"no model"_s;
    QTest::addRow("ollama 503") << 503 << QByteArray(R"({"error":"server busy"})") << Kind::Overloaded << QString()
                                << u"server busy"_s;
    QTest::addRow("ollama 404") << 404 << QByteArray(R"({"error":"model 'x' not found"})") << Kind::BadRequest
                                << QString() << u"model 'x' not found"_s;
    QTest::addRow("detail shape") << 422 << QByteArray(R"({"detail":"bad field"})") << Kind::BadRequest << QString()
                                  << u"bad field"_s;
    QTest::addRow("html from a proxy") << 502 << QByteArray("<html><body>Bad gateway secret-ish</body></html>")
                                       << Kind::Server << QString() << u"HTTP 502"_s;
    QTest::addRow("empty 500") << 500 << QByteArray() << Kind::Server << QString() << u"HTTP 500"_s;
    QTest::addRow("504") << 504 << QByteArray() << Kind::Timeout << QString() << u"HTTP 504"_s;
    QTest::addRow("409 conflict") << 409 << QByteArray() << Kind::Server << QString() << u"HTTP 409"_s;
    QTest::addRow("403") << 403 << QByteArray() << Kind::Auth << QString() << u"HTTP 403"_s;
    QTest::addRow("redirect") << 302 << QByteArray() << Kind::BadRequest << QString()
                              << u"unexpected redirect (HTTP 302)"_s;
    QTest::addRow("numeric code") << 400 << QByteArray(R"({"error":{"message":"m","code":400}})") << Kind::BadRequest
                                  << u"400"_s << u"m"_s;
}

void tst_ProviderError::fromHttp()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, errorType);
    QFETCH(QString, message);
    const ProviderError error = errorFromHttp(status, body, 1234);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.errorType, errorType);
    QCOMPARE(error.message, message);
    QCOMPARE(error.retryAfterMs, qint64(1234));
    QVERIFY(!error.afterOutput);
}

void tst_ProviderError::retryable_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::addRow("connect") << Kind::Connect << true;
    QTest::addRow("timeout") << Kind::Timeout << true;
    QTest::addRow("rate limited") << Kind::RateLimited << true;
    QTest::addRow("overloaded") << Kind::Overloaded << true;
    QTest::addRow("server") << Kind::Server << true;
    QTest::addRow("upstream") << Kind::Upstream << true;
    QTest::addRow("auth") << Kind::Auth << false;
    QTest::addRow("bad request") << Kind::BadRequest << false;
    QTest::addRow("quota") << Kind::Quota << false;
    QTest::addRow("malformed") << Kind::Malformed << false;
    QTest::addRow("aborted") << Kind::Aborted << false;
}

void tst_ProviderError::retryable()
{
    QFETCH(Kind, kind);
    QFETCH(bool, retryable);
    ProviderError error = makeError(kind, 0, u"x"_s);
    QCOMPARE(error.isRetryable(), retryable);
    error.afterOutput = true; // text already reached the user: never silently retried
    QVERIFY(!error.isRetryable());
}

void tst_ProviderError::kindNames()
{
    const QList<Kind> kinds { Kind::Connect, Kind::Timeout, Kind::RateLimited, Kind::Overloaded, Kind::Server,
        Kind::Auth, Kind::BadRequest, Kind::Quota, Kind::Malformed, Kind::Upstream, Kind::Aborted };
    QSet<QString> names;
    for (Kind kind : kinds)
        names.insert(makeError(kind, 0, {}).kindName());
    QCOMPARE(names.size(), kinds.size());
    QCOMPARE(makeError(Kind::RateLimited, 0, {}).kindName(), u"rate_limit"_s);
    QCOMPARE(makeError(Kind::BadRequest, 0, {}).kindName(), u"bad_request"_s);
    const Gateway::Error converted = toError(makeError(Kind::Quota, 429, u"pay"_s));
    QCOMPARE(converted.code, u"quota"_s);
    QCOMPARE(converted.message, u"pay"_s);
}

void tst_ProviderError::secretIsMasked()
{
    const ProviderError error = errorFromHttp(401,
        R"({"error":{"message":"Incorrect API key provided: sk-live-abcdef123456","code":"invalid_api_key"}})", -1,
        u"sk-live-abcdef123456"_s);
    QCOMPARE(error.kind, Kind::Auth);
    QVERIFY(!error.message.contains(u"abcdef123456"_s));
    QVERIFY(error.message.contains(u"***"_s));
}

void tst_ProviderError::longMessageIsCut()
{
    const QByteArray body = R"({"error":")" + QByteArray(5000, 'x') + R"("})";
    const ProviderError error = errorFromHttp(500, body, -1);
    QVERIFY(error.message.size() <= 501);
}

void tst_ProviderError::fromNetwork_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("networkError");
    QTest::addColumn<Kind>("kind");
    QTest::addRow("refused") << QNetworkReply::ConnectionRefusedError << Kind::Connect;
    QTest::addRow("closed") << QNetworkReply::RemoteHostClosedError << Kind::Connect;
    QTest::addRow("host not found") << QNetworkReply::HostNotFoundError << Kind::Connect;
    QTest::addRow("tls") << QNetworkReply::SslHandshakeFailedError << Kind::Connect;
    QTest::addRow("timeout") << QNetworkReply::TimeoutError << Kind::Timeout;
    QTest::addRow("canceled") << QNetworkReply::OperationCanceledError << Kind::Aborted;
    QTest::addRow("protocol") << QNetworkReply::ProtocolFailure << Kind::Malformed;
}

void tst_ProviderError::fromNetwork()
{
    QFETCH(QNetworkReply::NetworkError, networkError);
    QFETCH(Kind, kind);
    QCOMPARE(errorFromNetwork(networkError, u"detail"_s).kind, kind);
}

void tst_ProviderError::fromStream()
{
    const ProviderError object
        = errorFromStream(QJsonObject { { u"type"_s, u"overloaded_error"_s }, { u"message"_s, u"Overloaded"_s } });
    QCOMPARE(object.kind, Kind::Upstream);
    QCOMPARE(object.errorType, u"overloaded_error"_s);
    QCOMPARE(object.message, u"Overloaded"_s);
    QCOMPARE(object.httpStatus, 200);
    const ProviderError text = errorFromStream(u"an error was encountered while running the model"_s);
    QCOMPARE(text.kind, Kind::Upstream);
    QCOMPARE(text.message, u"an error was encountered while running the model"_s);
    QVERIFY(!errorFromStream(QJsonValue()).message.isEmpty());
}

QTEST_APPLESS_MAIN(tst_ProviderError)
#include "tst_providererror.moc"
