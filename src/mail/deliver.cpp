// One delivery attempt over SMTP (mail.h deliver()), and the classification of its failures.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/URI.h>

#include "mail/header.h"
#include "mail/mail.h"

namespace timeline::mail {

namespace {

// How long connecting, and then waiting for any one reply, may take.
const Poco::Timespan kConnectTimeout(15, 0);
const Poco::Timespan kReplyTimeout(60, 0);

// An extra CA certificate file (PEM) trusted besides the system's, for a server whose
// certificate an internal CA signed (and for the tests' throwaway CA).
constexpr const char* kCaFileVariable = "TIMELINE_SMTP_CA_FILE";

// A failure found before or outside the SMTP dialogue.
struct Failure : std::runtime_error {
    Status status;
    Failure(Status s, const std::string& what) : std::runtime_error(what), status(s) {}
};

enum class Security { none, starttls, implicit };

struct Endpoint {
    std::string host;
    Poco::UInt16 port = 25;
    Security security = Security::none;
};

Endpoint parse_server(const Settings& s) {
    const std::string hint = "; write smtp://HOST:PORT or smtps://HOST:PORT";
    Poco::URI uri;
    try {
        uri = Poco::URI(s.server);
    } catch (const Poco::SyntaxException&) {
        throw Failure(Status::permanent, "server \"" + s.server + "\" is not a URL" + hint);
    }
    Endpoint e;
    if (uri.getScheme() == "smtp") {
        e.port = 25;
        e.security = s.starttls ? Security::starttls : Security::none;
    } else if (uri.getScheme() == "smtps") {
        e.port = 465;
        e.security = Security::implicit;
    } else {
        throw Failure(Status::permanent, "server \"" + s.server + "\": unknown scheme \"" + uri.getScheme() + "\"" + hint);
    }
    if (!uri.getUserInfo().empty())
        throw Failure(Status::permanent, "server \"" + s.server +
                                             "\" names a user: put the user in \"user\" and the password in an "
                                             "environment variable named by \"password_env\"");
    if (uri.getHost().empty() || (!uri.getPath().empty() && uri.getPath() != "/") || !uri.getRawQuery().empty())
        throw Failure(Status::permanent, "server \"" + s.server + "\" is not of the form HOST:PORT" + hint);
    e.host = uri.getHost();
    if (uri.getSpecifiedPort() != 0) e.port = uri.getSpecifiedPort();
    return e;
}

std::string password(const Settings& s) {
    if (!s.password_env.empty()) {
        const char* value = std::getenv(s.password_env.c_str());
        if (value == nullptr || *value == '\0')
            throw Failure(Status::permanent, "the password of " + s.user + " is read from the environment variable " +
                                                 s.password_env + ", which is not set");
        return value;
    }
    if (!s.password_file.empty()) {
        std::ifstream in(s.password_file, std::ios::binary);
        std::string line;
        if (!in || !std::getline(in, line))
            throw Failure(Status::permanent, "the password of " + s.user + " is read from the file " + s.password_file +
                                                 ", which cannot be read");
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty())
            throw Failure(Status::permanent, "the password file " + s.password_file + " is empty");
        return line;
    }
    throw Failure(Status::permanent, "\"user\" is " + s.user +
                                         " but no password is configured: name an environment variable in "
                                         "\"password_env\" (or a file in \"password_file\")");
}

bool loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

Poco::Net::Context::Ptr tls_context() {
    static std::once_flag once;
    std::call_once(once, [] { Poco::Net::initializeSSL(); });
    Poco::Net::Context::Params p;
    // VERIFY_STRICT: the chain is checked against the system's CAs (plus the file of
    // kCaFileVariable) and the host name against the certificate, loopback included.
    p.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    p.loadDefaultCAs = true;
    if (const char* ca = std::getenv(kCaFileVariable); ca != nullptr && *ca != '\0') p.caLocation = ca;
    return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, p);
}

// An SMTP session over a socket connected (with a time limit) by the caller, which knows the
// server's name for STARTTLS: Poco's SecureSMTPClientSession made from a socket checks the
// certificate against the peer's IP address instead.
class Session : public Poco::Net::SMTPClientSession {
public:
    Session(const Poco::Net::StreamSocket& socket, std::string host) : SMTPClientSession(socket), host_(std::move(host)) {}

    // EHLO (RFC 5321 §4.1.1.1), HELO when the server does not know it; the reply lists the
    // extensions.
    std::string hello() {
        std::string reply;
        int status = sendCommand("EHLO", Poco::Environment::nodeName(), reply);
        if (status / 100 == 5) status = sendCommand("HELO", Poco::Environment::nodeName(), reply);
        if (status / 100 != 2) throw Poco::Net::SMTPException("The server refused EHLO", reply, status);
        return reply;
    }
    // STARTTLS (RFC 3207 §4); false when the server refuses it.
    bool start_tls(const Poco::Net::Context::Ptr& context) {
        std::string reply;
        if (sendCommand("STARTTLS", reply) / 100 != 2) return false;
        socket() = Poco::Net::SecureStreamSocket::attach(socket(), host_, context);
        return true;
    }

private:
    std::string host_;
};

// The AUTH mechanism to use from the EHLO reply's "AUTH" line (RFC 4954 §3).
Poco::Net::SMTPClientSession::LoginMethod auth_method(const std::string& ehlo) {
    std::istringstream lines(ehlo);
    for (std::string line; std::getline(lines, line);) {
        if (line.size() < 9 || line.compare(4, 5, "AUTH ") != 0) continue;
        std::istringstream words(line.substr(9));
        std::vector<std::string> offered{std::istream_iterator<std::string>(words), std::istream_iterator<std::string>()};
        const auto has = [&](const char* m) { return std::find(offered.begin(), offered.end(), m) != offered.end(); };
        if (has("PLAIN")) return Poco::Net::SMTPClientSession::AUTH_PLAIN;
        if (has("LOGIN")) return Poco::Net::SMTPClientSession::AUTH_LOGIN;
        throw Failure(Status::permanent, "the server offers neither AUTH PLAIN nor AUTH LOGIN (" + line.substr(4) + ")");
    }
    throw Failure(Status::permanent, "a user is configured but the server offers no authentication (no AUTH in its EHLO reply)");
}

std::string one_line(std::string s) {
    std::replace(s.begin(), s.end(), '\r', ' ');
    std::replace(s.begin(), s.end(), '\n', ' ');
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

Outcome send(const Settings& settings, const Brief& brief) {
    const Endpoint server = parse_server(settings);
    const std::string secret = settings.user.empty() ? std::string() : password(settings);
    if (!settings.user.empty() && server.security == Security::none && !loopback(server.host))
        throw Failure(Status::permanent, "\"user\" is set but the connection to " + server.host +
                                             " is not encrypted: set \"starttls\": true or use smtps://");
    if (settings.from.empty()) throw Failure(Status::permanent, "no sender: \"from\" is empty");
    if (settings.to.empty()) throw Failure(Status::permanent, "no recipient: \"to\" is empty");
    std::vector<std::string> recipients;
    try {
        for (const auto* list : {&settings.to, &settings.cc})
            for (const auto& r : *list) recipients.push_back(parse_address(r).spec);
    } catch (const std::invalid_argument& e) {
        throw Failure(Status::permanent, e.what());
    }
    Composed message;
    try {
        message = compose(settings, brief, std::chrono::system_clock::now(), new_message_id(settings.from));
    } catch (const std::exception& e) {  // an address, or the brief cannot be read
        throw Failure(Status::permanent, e.what());
    }

    const Poco::Net::SocketAddress address(server.host, server.port);
    Poco::Net::StreamSocket socket;
    if (server.security == Security::implicit) {
        Poco::Net::SecureStreamSocket secure(tls_context());
        secure.setPeerHostName(server.host);
        secure.connect(address, kConnectTimeout);
        socket = secure;
    } else {
        socket.connect(address, kConnectTimeout);
    }
    socket.setSendTimeout(kReplyTimeout);
    Session session(socket, server.host);
    session.setTimeout(kReplyTimeout);
    session.open();
    std::string extensions = session.hello();
    if (server.security == Security::starttls) {
        if (!session.start_tls(tls_context()))
            throw Failure(Status::permanent, "starttls is required but the server does not offer STARTTLS; nothing was sent");
        extensions = session.hello();
    }
    if (!settings.user.empty()) session.login(Poco::Environment::nodeName(), auth_method(extensions), settings.user, secret);
    session.sendAddresses(parse_address(settings.from).spec, recipients);
    session.sendData();
    std::istringstream data(message.text);
    session.sendMessage(data);
    // The message is accepted: a failing QUIT must not turn it into a failure that a retry
    // would send twice.
    try {
        session.close();
    } catch (const Poco::Exception&) {
    }
    std::string how = message.attached ? "attached" : "linked";
    return {Status::sent, std::to_string(recipients.size()) + (recipients.size() == 1 ? " recipient" : " recipients") +
                              ", brief " + how + " (" + std::to_string(message.size) + " bytes)"};
}

}  // namespace

const char* status_name(Status s) {
    switch (s) {
        case Status::sent: return "sent";
        case Status::transient: return "transient";
        case Status::permanent: return "permanent";
    }
    return "permanent";
}

Outcome deliver(const Settings& settings, const Brief& brief) {
    try {
        return send(settings, brief);
    } catch (const Failure& f) {
        return {f.status, f.what()};
    } catch (const Poco::Net::SMTPException& e) {
        // RFC 5321 §4.2.1: 4yz is a transient negative completion, 5yz a permanent one. A reply
        // missing altogether (code 0: the connection closed mid-dialogue) may pass later.
        const int code = e.code();
        return {code / 100 == 5 ? Status::permanent : Status::transient, one_line(e.message())};
    } catch (const Poco::Net::SSLConnectionUnexpectedlyClosedException& e) {
        return {Status::transient, "TLS: " + one_line(e.message())};
    } catch (const Poco::Net::SSLException& e) {
        // A certificate that does not verify, or no common protocol: an operator must act.
        return {Status::permanent, "TLS: " + one_line(e.message())};
    } catch (const Poco::TimeoutException& e) {
        return {Status::transient, one_line(e.displayText())};
    } catch (const Poco::Net::NetException& e) {
        // Connection refused or reset, host not found, no route.
        return {Status::transient, one_line(e.displayText())};
    } catch (const Poco::IOException& e) {
        return {Status::transient, one_line(e.displayText())};
    } catch (const Poco::Exception& e) {
        return {Status::permanent, one_line(e.displayText())};
    } catch (const std::exception& e) {
        return {Status::permanent, one_line(e.what())};
    }
}

}  // namespace timeline::mail
