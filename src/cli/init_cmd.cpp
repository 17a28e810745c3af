// `timeline init DIR`: a starter project that validates and renders as it is.
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>

#include "base/files.h"
#include "base/lookup.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/help.h"
#include "cli/output.h"
#include "cli/starter.h"

namespace timeline::cli {
namespace {

namespace fs = std::filesystem;

// The files name their schema ("$schema": "@SCHEMAS@/dataset.schema.json") for editors: the
// installed schemas when there are, else the line goes.
std::string with_schemas(std::string_view text, const std::optional<std::string>& schemas) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        end = end == std::string_view::npos ? text.size() : end + 1;
        std::string line(text.substr(start, end - start));
        start = end;
        const auto at = line.find("@SCHEMAS@");
        if (at == std::string::npos) {
            out += line;
        } else if (schemas) {
            out += line.replace(at, 9, *schemas);
        }
    }
    return out;
}

int run_init(const std::string& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec) && (!fs::is_directory(dir, ec) || !fs::is_empty(dir, ec))) {
        std::cerr << "timeline init: " << dir << " already exists and is not an empty folder; init writes a new project"
                  << " into a new or empty folder\n";
        return kUsage;
    }
    std::optional<std::string> schemas;
    if (const auto share = installed_share(); share && fs::is_directory(*share + "/schemas", ec)) schemas = *share + "/schemas";
    Diagnostics io;
    std::string written;
    for (const auto& f : starter_files()) {
        const fs::path path = fs::path(dir) / f.name;
        fs::create_directories(path.parent_path(), ec);
        if (ec) {
            io.error("io-write", "cannot create the folder: " + ec.message(), path.parent_path().string());
            break;
        }
        if (!write_file_atomic(path.string(), with_schemas(f.text, schemas), io)) break;
        written += (written.empty() ? "" : ", ") + std::string(f.name);
    }
    if (io.has_errors()) {
        print_diagnostics(std::cerr, io, DiagnosticFormat::text);
        return kInternal;
    }
    note("timeline init: wrote " + dir + "/: " + written);
    note("next: cd " + dir + " && timeline validate && timeline report");
    return kSuccess;
}

}  // namespace

std::function<int()> add_init_command(CLI::App& app) {
    static std::string dir;
    CLI::App* init = app.add_subcommand("init", "start a project: example data of every kind, a template, schedules.json");
    init->add_option("dir", dir, "the folder to create (new or empty)")->required()->type_name("DIR");
    describe(init, {{"timeline init brief && cd brief && timeline report", "a first brief from the example data"}},
                        {kExitHelp});
    return [init]() -> int { return init->parsed() ? run_init(dir) : -1; };
}

}  // namespace timeline::cli
