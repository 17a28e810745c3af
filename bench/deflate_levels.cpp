// Deflate levels measured on real briefs: every /FlateDecode stream of each PDF given is
// inflated, then deflated again with libdeflate at levels 1-9 and with zlib at levels 1, 3
// and 6 (for comparison), in one thread; prints per setting the bytes of all streams and
// the best of 5 times. Built by `cmake --build build --target deflate-levels` (bench/README.md).
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace {

std::vector<std::string> streams_of(const std::string& pdf, libdeflate_decompressor* d) {
    std::vector<std::string> out;
    std::string scratch(std::size_t(64) << 20, '\0');
    for (std::size_t at = 0; (at = pdf.find("stream\n", at)) != std::string::npos;) {
        if (at >= 3 && pdf.compare(at - 3, 3, "end") == 0) {
            at += 7;
            continue;
        }
        const std::size_t from = at + 7, to = pdf.find("\nendstream", from);
        if (to == std::string::npos) break;
        std::size_t n = 0;
        if (libdeflate_zlib_decompress(d, pdf.data() + from, to - from, scratch.data(), scratch.size(), &n) ==
            LIBDEFLATE_SUCCESS)
            out.emplace_back(scratch, 0, n);
        at = to;
    }
    return out;
}

template <class Deflate>
void measure(const char* name, const std::vector<std::string>& streams, Deflate&& deflate) {
    double best = 1e300;
    std::size_t bytes = 0;
    for (int run = 0; run < 5; ++run) {
        const auto start = std::chrono::steady_clock::now();
        bytes = 0;
        for (const auto& s : streams) bytes += deflate(s);
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::printf("  %-13s %12zu bytes %9.1f ms\n", name, bytes, best);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: deflate-levels FILE.pdf...\n");
        return 2;
    }
    libdeflate_decompressor* d = libdeflate_alloc_decompressor();
    for (int a = 1; a < argc; ++a) {
        std::ifstream in(argv[a], std::ios::binary);
        const std::string pdf((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto streams = streams_of(pdf, d);
        std::size_t raw = 0;
        for (const auto& s : streams) raw += s.size();
        std::printf("%s: %zu streams, %zu bytes inflated\n", argv[a], streams.size(), raw);
        std::string out;
        for (int level = 1; level <= 9; ++level) {
            libdeflate_compressor* c = libdeflate_alloc_compressor(level);
            char name[32];
            std::snprintf(name, sizeof name, "libdeflate %d", level);
            measure(name, streams, [&](const std::string& s) {
                out.resize(libdeflate_zlib_compress_bound(c, s.size()));
                return libdeflate_zlib_compress(c, s.data(), s.size(), out.data(), out.size());
            });
            libdeflate_free_compressor(c);
        }
        for (int level : {1, 3, 6}) {
            z_stream z{};
            deflateInit2(&z, level, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY);
            char name[32];
            std::snprintf(name, sizeof name, "zlib %d", level);
            measure(name, streams, [&](const std::string& s) {
                deflateReset(&z);
                out.resize(deflateBound(&z, s.size()));
                z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
                z.avail_in = static_cast<uInt>(s.size());
                z.next_out = reinterpret_cast<Bytef*>(out.data());
                z.avail_out = static_cast<uInt>(out.size());
                deflate(&z, Z_FINISH);
                return out.size() - z.avail_out;
            });
            deflateEnd(&z);
        }
    }
    libdeflate_free_decompressor(d);
}
