#pragma once
// The progress line every long command draws on stderr for a person at a terminal (SPEC §2: only
// when GlobalOptions::show_progress() says so): bytes read and the rate, redrawn twice a second.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

namespace izshi::cli {

// Drawn from a side thread while the command runs; 'bytes' is advanced by the work.
class ProgressLine {
public:
    ProgressLine(bool enabled, std::string what) : what_(std::move(what)) {
        if (enabled) thread_ = std::jthread([this](std::stop_token stop) { draw_until(stop); });
    }
    ~ProgressLine() {
        if (thread_.joinable()) {
            thread_.request_stop();
            thread_.join();
            std::cerr << '\n';
        }
    }
    std::atomic<uint64_t> bytes{0};

private:
    void draw_until(std::stop_token stop) {
        auto started = std::chrono::steady_clock::now();
        while (!stop.stop_requested()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            double mib = static_cast<double>(bytes.load()) / (1 << 20);
            std::cerr << fmt::format("\r{}: {:.0f} MiB at {:.0f} MiB/s   ", what_, mib, mib / seconds) << std::flush;
        }
    }
    std::string what_;
    std::jthread thread_;
};

}  // namespace izshi::cli
