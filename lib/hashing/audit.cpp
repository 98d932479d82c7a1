#include "hashing/audit.h"

namespace izshi::hashing {

std::optional<KnownMatch> find_known(const std::vector<const KnownSet*>& sets, const ComputedDigests& file) {
    std::optional<KnownMatch> partial;
    for (const auto* set : sets) {
        auto candidates = set->candidates(file);
        if (candidates.empty()) continue;
        if (candidates.front().full) return KnownMatch{set, candidates.front()};
        if (!partial) partial = KnownMatch{set, candidates.front()};
    }
    return partial;
}

ComputedDigests computed_digests(const std::vector<Algorithm>& algorithms, const std::vector<std::string>& hex,
                                 std::optional<uint64_t> size) {
    ComputedDigests out{size, {}};
    for (size_t i = 0; i < algorithms.size() && i < hex.size(); ++i)
        if (!hex[i].empty()) out.hex.emplace_back(algorithms[i], hex[i]);
    return out;
}

std::string_view audit_status_name(AuditStatus status) {
    switch (status) {
    case AuditStatus::matched: return "matched";
    case AuditStatus::partial: return "partial";
    case AuditStatus::moved: return "moved";
    case AuditStatus::new_file: return "new";
    }
    return "?";
}

Audit::Audit(std::vector<const KnownSet*> sets) : sets_(std::move(sets)) {
    for (const auto* set : sets_) {
        used_.emplace_back(set->entries(), false);
        counters_.expected += set->entries();
    }
}

Audit::Verdict Audit::observe(const std::string& name, const ComputedDigests& file) {
    ++counters_.examined;
    std::optional<Verdict> moved, partial;
    for (size_t s = 0; s < sets_.size(); ++s) {
        for (const auto& candidate : sets_[s]->candidates(file)) {
            if (candidate.full && candidate.known_name == name) {
                used_[s][candidate.entry] = true;
                ++counters_.matched;
                return {AuditStatus::matched, candidate.known_name};
            }
            // Like hashdeep, a moved or partially matching file accounts for the entry it matched.
            used_[s][candidate.entry] = true;
            if (candidate.full && !moved) moved = Verdict{AuditStatus::moved, candidate.known_name};
            if (!candidate.full && !partial) partial = Verdict{AuditStatus::partial, candidate.known_name};
        }
    }
    if (moved) {
        ++counters_.moved;
        return *moved;
    }
    if (partial) {
        ++counters_.partial;
        return *partial;
    }
    ++counters_.new_files;
    return {AuditStatus::new_file, {}};
}

std::vector<std::string> Audit::not_found() const {
    std::vector<std::string> out;
    for (size_t s = 0; s < sets_.size(); ++s)
        for (size_t entry = 0; entry < used_[s].size(); ++entry)
            if (!used_[s][entry]) out.push_back(sets_[s]->entry_name(entry));
    return out;
}

AuditCounters Audit::counters() const {
    AuditCounters out = counters_;
    for (const auto& used : used_)
        for (bool u : used) out.not_found += !u;
    return out;
}

}  // namespace izshi::hashing
