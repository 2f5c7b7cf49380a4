// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
#include "http/httprequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Gateway::Http
{

namespace
{

bool isToken(const QByteArray &s)
{
    if (s.isEmpty())
        return false;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127 || c == '(' || c == ')' || c == ',' || c == '/' || c == ':' || c == ';' || c == '<'
            || c == '=' || c == '>' || c == '?' || c == '@' || c == '[' || c == '\\' || c == ']' || c == '{' || c == '}'
            || c == '"')
            return false;
    }
    return true;
}

bool hasControlChars(const QByteArray &s)
{
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 32 && c != '\t') || u == 127)
            return true;
    }
    return false;
}

bool containsToken(const QByteArray &list, const QByteArray &token)
{
    for (const QByteArray &part : list.split(','))
        if (part.trimmed().toLower() == token)
            return true;
    return false;
}

} // namespace

QByteArray Request::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return h.second;
    return {};
}

bool Request::hasHeader(const QByteArray &lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return true;
    return false;
}

bool Request::isWebSocketUpgrade() const
{
    return method == "GET" && header("upgrade").trimmed().toLower() == "websocket"
        && containsToken(header("connection"), "upgrade");
}

bool Request::wantsKeepAlive() const
{
    const QByteArray connection = header("connection");
    if (versionMinor == 0)
        return containsToken(connection, "keep-alive");
    return !containsToken(connection, "close");
}

qint64 Request::contentLength() const
{
    if (!hasHeader("content-length"))
        return -1;
    bool ok = false;
    const qint64 n = header("content-length").toLongLong(&ok);
    return ok && n >= 0 ? n : -2;
}

Response Response::json(int status, const QByteArray &body)
{
    Response r;
    r.status = status;
    r.body = body;
    return r;
}

Response Response::error(int status, const QString &message)
{
    const QJsonObject object { { u"ok"_s, false },
        { u"error"_s, QJsonObject { { u"status"_s, status }, { u"message"_s, message } } } };
    return json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Result<Request, ParseError> parseRequestHead(const QByteArray &head)
{
    const qsizetype end = head.indexOf("\r\n\r\n");
    if (end < 0)
        return ParseError { 400, u"incomplete request head"_s };
    // Every line, the last header line included, ends with CRLF; the blank line is cut off.
    QList<QByteArray> lines = head.left(end + 2).split('\n');
    lines.removeLast();
    Request request;

    QByteArray requestLine = lines.first();
    if (!requestLine.endsWith('\r'))
        return ParseError { 400, u"bare LF in request line"_s };
    requestLine.chop(1);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3)
        return ParseError { 400, u"malformed request line"_s };
    request.method = parts.at(0);
    request.target = parts.at(1);
    const QByteArray version = parts.at(2);
    if (!isToken(request.method))
        return ParseError { 400, u"malformed method"_s };
    if (version == "HTTP/1.1")
        request.versionMinor = 1;
    else if (version == "HTTP/1.0")
        request.versionMinor = 0;
    else if (version.startsWith("HTTP/"))
        return ParseError { 505, u"HTTP version not supported"_s };
    else
        return ParseError { 400, u"malformed request line"_s };
    if (request.target.isEmpty() || request.target.at(0) != '/' || hasControlChars(request.target))
        return ParseError { 400, u"request target must be an absolute path"_s };

    const qsizetype q = request.target.indexOf('?');
    const QByteArray rawPath = q < 0 ? request.target : request.target.left(q);
    request.query = q < 0 ? QByteArray() : request.target.mid(q + 1);
    request.path = QUrl::fromPercentEncoding(rawPath);

    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (!line.endsWith('\r'))
            return ParseError { 400, u"header line not terminated by CRLF"_s };
        line.chop(1);
        if (line.isEmpty())
            return ParseError { 400, u"empty header line"_s };
        if (line.at(0) == ' ' || line.at(0) == '\t')
            return ParseError { 400, u"obsolete header folding is not accepted"_s };
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return ParseError { 400, u"malformed header line"_s };
        const QByteArray name = line.left(colon).toLower();
        if (!isToken(name))
            return ParseError { 400, u"malformed header name"_s };
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (hasControlChars(value))
            return ParseError { 400, u"control character in header value"_s };
        request.headers.append({ name, value });
    }

    // Request smuggling defences: one unambiguous framing or none.
    int lengthHeaders = 0;
    for (const auto &h : request.headers)
        lengthHeaders += h.first == "content-length" ? 1 : 0;
    if (lengthHeaders > 1)
        return ParseError { 400, u"more than one Content-Length"_s };
    if (request.hasHeader("transfer-encoding")) {
        if (lengthHeaders > 0)
            return ParseError { 400, u"both Transfer-Encoding and Content-Length"_s };
        return ParseError { 501, u"Transfer-Encoding is not supported; send Content-Length"_s };
    }
    if (request.contentLength() == -2)
        return ParseError { 400, u"malformed Content-Length"_s };
    if (request.versionMinor == 1 && !request.hasHeader("host"))
        return ParseError { 400, u"HTTP/1.1 request without Host"_s };
    return request;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 411:
        return "Length Required";
    case 413:
        return "Payload Too Large";
    case 426:
        return "Upgrade Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

QByteArray serializeResponse(const Response &response, bool keepAlive, bool headOnly)
{
    QByteArray out;
    out.reserve(256 + response.body.size());
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
    for (const auto &h : response.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "\r\n";
    if (!headOnly)
        out += response.body;
    return out;
}

} // namespace Gateway::Http
