#pragma once
// Artifacts that are not files: the keys of a Windows registry hive that say what is installed
// (Uninstall entries, services and drivers, audio-class filters), read with libregf, and the
// packages of an Android phone (packages.xml, packages.list). Each becomes a small text the rules
// read as content, with the key path or package name as `filepath` (docs/software.md).
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "software/rule_set.h"

namespace izshi::software {

struct DerivedArtifact {
    Artifact artifact;
    std::string content;   // "DisplayName=Voicemod\nPublisher=...\n"
    std::string time_utc;  // the key's last write, the package's first install; "" when unknown
};

bool looks_like_hive(std::span<const unsigned char> head);
bool is_android_package_list(std::string_view file_name);

// The keys of interest in a hive, whichever hive it is (SOFTWARE, SYSTEM, NTUSER.DAT): each is
// looked for under the hive's root. A damaged hive gives what could be read and a 'problem'.
std::vector<DerivedArtifact> registry_artifacts(std::span<const unsigned char> hive, std::string& problem);

// One artifact per package of packages.xml (text form) or packages.list. Android 12 and later
// write packages.xml as binary XML (ABX): that is named in 'problem', and packages.list still read.
std::vector<DerivedArtifact> android_package_artifacts(std::string_view file_name, std::span<const unsigned char> bytes,
                                                       std::string& problem);

}  // namespace izshi::software
