// Test driver of src/mail (not a user command): delivers one brief with the settings given
// as options and prints each attempt's outcome as "STATUS<TAB>DETAIL". With --attempts N it
// retries a transient failure at once, up to N attempts in all (the tests' server counts
// attempts; the scheduler waits between them, schedule/delivery.h).
//
//   mail_send --server URL --from A --to B [--to C] [--cc D] [--starttls] [--user U]
//             [--password-env VAR] [--password-file F] [--limit MB] --file PATH --lang zh|en|bi
//             --job ID --slot TEXT [--title T] [--link L] [--attempts N]
#include <cstdlib>
#include <iostream>
#include <string>

#include "mail/mail.h"

int main(int argc, char** argv) {
    timeline::mail::Settings s;
    timeline::mail::Brief b;
    int attempts = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string opt = argv[i];
        if (opt == "--starttls") {
            s.starttls = true;
            continue;
        }
        if (i + 1 >= argc) {
            std::cerr << "mail_send: " << opt << " needs a value\n";
            return 2;
        }
        const std::string v = argv[++i];
        if (opt == "--server") s.server = v;
        else if (opt == "--from") s.from = v;
        else if (opt == "--to") s.to.push_back(v);
        else if (opt == "--cc") s.cc.push_back(v);
        else if (opt == "--user") s.user = v;
        else if (opt == "--password-env") s.password_env = v;
        else if (opt == "--password-file") s.password_file = v;
        else if (opt == "--limit") s.attach_limit_mb = std::stod(v);
        else if (opt == "--file") b.file = v;
        else if (opt == "--lang") b.lang = v;
        else if (opt == "--job") b.job = v;
        else if (opt == "--slot") b.slot_local = v;
        else if (opt == "--title") b.title = v;
        else if (opt == "--link") b.link = v;
        else if (opt == "--attempts") attempts = std::stoi(v);
        else {
            std::cerr << "mail_send: unknown option " << opt << "\n";
            return 2;
        }
    }
    for (int n = 1; n <= attempts; ++n) {
        const auto outcome = timeline::mail::deliver(s, b);
        std::cout << timeline::mail::status_name(outcome.status) << '\t' << outcome.detail << std::endl;
        if (outcome.status != timeline::mail::Status::transient) break;
    }
    return 0;
}
