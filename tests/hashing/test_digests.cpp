// Digests are right: NIST vectors for every algorithm, the same result on one thread and with the
// algorithms spread over threads, and agreement with coreutils at every block boundary.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>

#include "hashing/file_hasher.h"
#include "hashing/stream_hasher.h"
#include "support/support.h"

namespace fs = std::filesystem;
using izshi::hashing::Algorithm;
using izshi::test::run_command;
using izshi::test::shell_quote;

namespace {

std::string digest_of(Algorithm algorithm, std::string_view bytes) {
    izshi::hashing::MultiHasher hasher({algorithm});
    hasher.update(bytes);
    return hasher.finish().front();
}

std::string random_bytes(size_t size, unsigned seed) {
    std::mt19937_64 generator(seed);
    std::string out(size, '\0');
    for (auto& c : out) c = static_cast<char>(generator());
    return out;
}

// A reader over a string that hands out at most 'chunk' bytes per call, like a short read.
izshi::hashing::BlockReader reader_over(const std::string& bytes, size_t chunk, size_t& position) {
    return [&bytes, chunk, &position](std::span<unsigned char> into) -> izshi::Expected<size_t> {
        size_t n = std::min({into.size(), chunk, bytes.size() - position});
        std::memcpy(into.data(), bytes.data() + position, n);
        position += n;
        return n;
    };
}

std::string coreutils_digest(const std::string& tool, const fs::path& file) {
    auto result = run_command(tool + " " + shell_quote(file.string()));
    REQUIRE(result.exit_code == 0);
    return result.out.substr(0, result.out.find(' '));
}

}  // namespace

TEST_CASE("NIST and RFC test vectors for every algorithm", "[hash][vectors]") {
    const std::string abc = "abc", empty, two_block = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                      million_a(1000000, 'a');
    CHECK(digest_of(Algorithm::md5, empty) == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(digest_of(Algorithm::md5, abc) == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(digest_of(Algorithm::md5, "message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(digest_of(Algorithm::sha1, abc) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(digest_of(Algorithm::sha1, two_block) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    CHECK(digest_of(Algorithm::sha1, million_a) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    CHECK(digest_of(Algorithm::sha256, abc) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(digest_of(Algorithm::sha256, two_block) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(digest_of(Algorithm::sha256, million_a) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    CHECK(digest_of(Algorithm::sha512, abc) ==
          "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    CHECK(digest_of(Algorithm::sha3_256, empty) == "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
    CHECK(digest_of(Algorithm::sha3_256, abc) == "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
    CHECK(digest_of(Algorithm::blake2b512, abc) ==
          "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

TEST_CASE("spreading the algorithms over threads gives the same digests as one thread", "[hash][stream]") {
    const std::vector<Algorithm> all = {Algorithm::md5,    Algorithm::sha1,     Algorithm::sha256,
                                        Algorithm::sha512, Algorithm::sha3_256, Algorithm::blake2b512};
    auto bytes = random_bytes(3 * 1000 * 1000 + 7, 1);
    std::vector<std::string> expected;
    for (auto algorithm : all) expected.push_back(digest_of(algorithm, bytes));
    // Odd block sizes and short reads put block ends everywhere; a ring of 4 slots wraps many times.
    for (size_t block : {size_t(4097), size_t(65536), size_t(1) << 20}) {
        for (bool spread : {false, true}) {
            size_t position = 0;
            auto digest = izshi::hashing::hash_stream(reader_over(bytes, 50000, position), all,
                                                      {.block_size = block, .spread_algorithms = spread});
            REQUIRE(digest);
            CHECK(digest->size == bytes.size());
            CHECK(digest->hex == expected);
        }
    }
}

TEST_CASE("a read error in the middle of a spread hash is returned, not hung on", "[hash][stream][errors]") {
    size_t calls = 0;
    auto failing = [&](std::span<unsigned char> into) -> izshi::Expected<size_t> {
        if (++calls == 6) return izshi::fail(izshi::ErrorKind::input, "disk.dd: read error at byte 20480");
        std::fill(into.begin(), into.end(), 0x5a);
        return into.size();
    };
    auto digest = izshi::hashing::hash_stream(failing, {Algorithm::md5, Algorithm::sha256},
                                              {.block_size = 4096, .spread_algorithms = true});
    REQUIRE(!digest);
    CHECK(digest.error().message == "disk.dd: read error at byte 20480");
}

TEST_CASE("file digests equal md5sum, sha1sum, sha256sum and sha512sum around every block boundary",
          "[hash][coreutils]") {
    izshi::test::TempDir work("hash-boundaries");
    const izshi::hashing::FileReadPolicy policy;
    std::vector<uint64_t> sizes = {0, 1};
    for (uint64_t boundary : {uint64_t(policy.small_block), uint64_t(policy.large_block), policy.spread_from})
        for (int delta : {-1, 0, 1}) sizes.push_back(boundary + delta);
    const std::vector<Algorithm> algorithms = {Algorithm::md5, Algorithm::sha1, Algorithm::sha256, Algorithm::sha512};
    for (auto size : sizes) {
        auto file = work / ("f" + std::to_string(size));
        std::ofstream(file, std::ios::binary) << random_bytes(size, static_cast<unsigned>(size));
        auto digest = izshi::hashing::hash_file(file, algorithms);
        REQUIRE(digest);
        INFO("size " << size);
        CHECK(digest->size == size);
        CHECK(digest->hex[0] == coreutils_digest("md5sum", file));
        CHECK(digest->hex[1] == coreutils_digest("sha1sum", file));
        CHECK(digest->hex[2] == coreutils_digest("sha256sum", file));
        CHECK(digest->hex[3] == coreutils_digest("sha512sum", file));
        fs::remove(file);
    }
}

TEST_CASE("a multi-GB sparse file hashes like coreutils", "[hash][coreutils][large]") {
    izshi::test::TempDir work("hash-sparse");
    auto file = work / "sparse.img";
    {
        std::ofstream out(file, std::ios::binary);
        out << "MBR at the start";
        out.seekp((uint64_t(1) << 30) + 12345);
        out << "a record in the middle";
    }
    fs::resize_file(file, (uint64_t(2) << 30) + 3);  // 2 GiB + 3: not a multiple of any block size
    auto result = izshi::test::run_izshi({"hash", "--format", "json", "-a", "md5,sha1,sha256,sha512", file.string()});
    REQUIRE(result.exit_code == 0);
    auto json = nlohmann::json::parse(result.out);
    REQUIRE(json["files"].size() == 1);
    const auto& hashed = json["files"][0];
    CHECK(hashed["size"] == (uint64_t(2) << 30) + 3);
    CHECK(hashed["md5"] == coreutils_digest("md5sum", file));
    CHECK(hashed["sha1"] == coreutils_digest("sha1sum", file));
    CHECK(hashed["sha256"] == coreutils_digest("sha256sum", file));
    CHECK(hashed["sha512"] == coreutils_digest("sha512sum", file));
}
