// Exit status of every command (PRODUCT §3).
#pragma once

#include "base/diagnostic.h"

namespace timeline::cli {

enum ExitCode : int {
    kSuccess = 0,
    kInvalidInput = 1,  // invalid data or template
    kUsage = 2,         // the command line is wrong
    kInternal = 3,      // internal or I/O failure
};

// 3 if any diagnostic is an I/O error ("io-*"), 1 if any is another error, else 0.
int exit_code_for(const Diagnostics& diags);

}  // namespace timeline::cli
