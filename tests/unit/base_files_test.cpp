// Unit tests of file hygiene (src/base/files.h): the file size limit (SIGXFSZ), temporary
// files removed on SIGTERM/SIGINT and swept after SIGKILL, bounded reads and mappings.
// Signal behaviour is tested in forked children, so the test process keeps its own handlers.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "base/files.h"
#include "load/dataset.h"

namespace {

using namespace timeline;
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("timeline-files-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::set<std::string> names(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
}

// Runs `body` in a child process; returns its wait status. What the child has to say goes
// to `message_file`.
template <typename F>
int in_child(F body) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        body();
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// A pid that belonged to a process that has ended.
pid_t dead_pid() {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

}  // namespace

TEST_CASE("a write beyond the file size limit fails with a diagnostic, not SIGXFSZ, and leaves nothing", "[base]") {
    const fs::path dir = fresh_dir("fsize");
    const fs::path target = dir / "brief.pdf";
    const fs::path message = dir.parent_path() / "timeline-files-fsize.msg";
    const int status = in_child([&] {
        install_write_guards();
        rlimit lim{64 * 1024, 64 * 1024};
        ::setrlimit(RLIMIT_FSIZE, &lim);
        Diagnostics d;
        const bool ok = write_file_atomic(target.string(), std::string(200 * 1024, 'x'), d);
        std::ofstream(message) << (ok ? std::string("written") : format_text(d.items().at(0)));
        ::_exit(ok ? 1 : 0);
    });
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(slurp(message) == target.string() +
                                ": error: write failed: File too large (the file size limit, ulimit -f, is 64 KiB) (io-write)");
    CHECK(names(dir).empty());
    fs::remove(message);
}

TEST_CASE("SIGTERM and SIGINT remove the temporary files being written, then end the process by the signal",
          "[base]") {
    for (int sig : {SIGTERM, SIGINT}) {
        const fs::path dir = fresh_dir("signal");
        const fs::path temp = dir / ".brief.pdf.tmp-1-AbCdEf";
        const fs::path other = dir / "unrelated.txt";
        std::ofstream(other) << "stays";
        const int status = in_child([&] {
            install_write_guards();
            std::ofstream(temp) << "%PDF-1.4 half";
            InterruptCleanup cleanup(temp.string());
            ::raise(sig);
            ::_exit(0);  // not reached
        });
        INFO("signal " << sig);
        REQUIRE(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == sig);
        CHECK(names(dir) == std::set<std::string>{"unrelated.txt"});
    }
}

TEST_CASE("a cleanup registration ends with its object", "[base]") {
    const fs::path dir = fresh_dir("unregister");
    const fs::path file = dir / "kept.txt";
    const int status = in_child([&] {
        install_write_guards();
        std::ofstream(file) << "kept";
        { InterruptCleanup cleanup(file.string()); }
        ::raise(SIGTERM);
    });
    REQUIRE(WIFSIGNALED(status));
    CHECK(fs::exists(file));
}

TEST_CASE("temporary files of killed writers are swept, those of live writers are kept", "[base]") {
    const fs::path dir = fresh_dir("sweep");
    const std::string target = (dir / "brief.md").string();
    const std::string dead = ".brief.md.tmp-" + std::to_string(dead_pid()) + "-Ab12Cd";
    const std::string live = ".brief.md.tmp-" + std::to_string(::getpid()) + "-Ef34Gh";
    const std::string old_style_recent = ".brief.md.tmp-Ij56Kl";
    const std::string old_style_old = ".brief.md.tmp-Mn78Op";
    const std::string other_target = ".other.md.tmp-" + std::to_string(dead_pid()) + "-Qr90St";
    for (const auto& n : {dead, live, old_style_recent, old_style_old, other_target}) std::ofstream(dir / n) << "part";
    fs::last_write_time(dir / old_style_old, fs::file_time_type::clock::now() - std::chrono::hours{2});

    Diagnostics d;
    REQUIRE(write_file_atomic(target, "# brief\n", d));
    CHECK(names(dir) == std::set<std::string>{"brief.md", live, old_style_recent, other_target});
    // A scheduler that holds its lock removes every one of them.
    CHECK(remove_temp_files(target, TempFiles::all) == 2);
    CHECK(names(dir) == std::set<std::string>{"brief.md", other_target});
}

TEST_CASE("a mapped file must be a regular file within the limit", "[base]") {
    const fs::path dir = fresh_dir("mapped");
    const fs::path font = dir / "font.ttf";
    std::ofstream(font) << "0123456789";
    Diagnostics d;
    auto m = MappedFile::open(font.string(), 10, "the font file", d);
    REQUIRE(m);
    CHECK(m->bytes() == "0123456789");
    CHECK(d.empty());
    // A part copied (through the file) is the same bytes; also after the mapping moved.
    char part[5] = {};
    m->copy(m->bytes().substr(3, 4), part);
    CHECK(std::string(part) == "3456");
    MappedFile moved = std::move(*m);
    moved.copy(moved.bytes().substr(8, 2), part);
    CHECK(std::string(part, 2) == "89");

    CHECK_FALSE(MappedFile::open(font.string(), 9, "the font file", d));
    CHECK_FALSE(MappedFile::open("/dev/zero", kMaxFontBytes, "the font file", d));
    CHECK_FALSE(MappedFile::open(dir.string(), kMaxFontBytes, "the font file", d));
    CHECK_FALSE(MappedFile::open((dir / "missing.ttf").string(), kMaxFontBytes, "the font file", d));
    REQUIRE(d.size() == 4);
    CHECK(format_text(d.items()[0]) == font.string() + ": error: the font file is 10 bytes; the limit is 9 bytes (file-too-large)");
    CHECK(format_text(d.items()[1]) ==
          "/dev/zero: error: the font file is not a regular file (a directory, device or pipe); name the file itself "
          "(file-not-regular)");
    CHECK(d.items()[2].code == "file-not-regular");
    CHECK(format_text(d.items()[3]) ==
          (dir / "missing.ttf").string() + ": error: cannot open the font file: No such file or directory (io-read)");
}

TEST_CASE("an atomic write replaces a file, follows a link and never replaces a device or directory", "[base]") {
    const fs::path dir = fresh_dir("atomic");
    Diagnostics d;
    CHECK_FALSE(write_file_atomic("/dev/null", "x", d));
    CHECK_FALSE(write_file_atomic(dir.string(), "x", d));
    REQUIRE(d.size() == 2);
    CHECK(format_text(d.items()[0]) ==
          "/dev/null: error: the output is not a regular file (a directory, device or pipe), which writing would "
          "replace; name a file, or \"-\" for standard output (file-not-regular)");
    CHECK(d.items()[1].code == "file-not-regular");
    CHECK(fs::is_character_file("/dev/null"));
    // Through a link the file it names is replaced, and the link stays.
    std::ofstream(dir / "real.txt") << "old";
    fs::create_symlink(dir / "real.txt", dir / "link.txt");
    Diagnostics ok;
    CHECK(write_file_atomic((dir / "link.txt").string(), "new", ok));
    CHECK(ok.empty());
    CHECK(fs::is_symlink(dir / "link.txt"));
    std::ifstream in(dir / "real.txt");
    std::string text;
    std::getline(in, text);
    CHECK(text == "new");
    fs::remove_all(dir);
}

TEST_CASE("reading a device stops at the limit", "[base]") {
    Diagnostics d;
    CHECK_FALSE(read_file("/dev/zero", d, 100000));
    REQUIRE(d.size() == 1);
    CHECK(format_text(d.items()[0]) == "/dev/zero: error: file exceeds the limit of 100000 bytes (file-too-large)");
}

TEST_CASE("sizes in messages", "[base]") {
    CHECK(byte_size_text(1) == "1 byte");
    CHECK(byte_size_text(300) == "300 bytes");
    CHECK(byte_size_text(1536) == "1.5 KiB");
    CHECK(byte_size_text(kMaxInputBytes) == "64 MiB");
    CHECK(byte_size_text(kMaxDataBytes) == "256 MiB");
    CHECK(byte_size_text(3u * 1024u * 1024u * 1024u) == "3 GiB");
}

TEST_CASE("the data files of a run have a total size limit", "[base][load]") {
    const fs::path dir = fresh_dir("total");
    const std::string file = R"({"lanes": [{"id": "l", "label": {"zh": "类", "en": "lane"}}]})";
    std::ofstream(dir / "a.json") << file;
    std::ofstream(dir / "b.json") << file;
    std::ofstream(dir / "c.json") << file;
    LoadLimits limits;
    limits.max_total_bytes = 2 * file.size() + 1;
    Diagnostics d;
    const LoadedData loaded = load_dataset({dir.string()}, d, nullptr, limits);
    REQUIRE(d.size() == 1);
    CHECK(format_text(d.items()[0]) ==
          (dir / "c.json").string() + ": error: with this file the data files come to " + std::to_string(3 * file.size()) +
              " bytes, over the limit of " + std::to_string(2 * file.size() + 1) +
              " bytes for all data files of a run together; read fewer directories or a smaller data set (data-too-large)");
    CHECK(loaded.files.empty());  // refused before reading

    limits.max_total_bytes = 3 * file.size();
    Diagnostics ok;
    CHECK(load_dataset({dir.string()}, ok, nullptr, limits).files.size() == 3);
    CHECK(ok.empty());
}
