// Built-in word lists for synthetic identities. Common given names and surnames only,
// combined at random, so no generated person matches a real one except by chance.
#pragma once

#include <span>
#include <string_view>

namespace izshi::synth {

// A surname in its male and female form ("Ахметов"/"Ахметова"); some Kazakh and Korean
// surnames do not change ("Сейткали", "Ким").
struct Surname {
    std::string_view male;
    std::string_view female;
};

// A father's name and the patronymics derived from it; Kazakh documents use both the
// Russian form (-ович/-овна) and the Kazakh one (-ұлы/-қызы).
struct FatherName {
    std::string_view son_of;       // "Нурланович"
    std::string_view daughter_of;  // "Нурлановна"
    std::string_view kazakh_son;   // "Нұрланұлы"; empty when not used
    std::string_view kazakh_daughter;
};

std::span<const std::string_view> kazakh_male_first_names();
std::span<const std::string_view> kazakh_female_first_names();
std::span<const std::string_view> russian_male_first_names();
std::span<const std::string_view> russian_female_first_names();
std::span<const Surname> kazakh_surnames();
std::span<const Surname> russian_surnames();
std::span<const FatherName> kazakh_father_names();
std::span<const FatherName> russian_father_names();
std::span<const std::string_view> kazakh_cities();
std::span<const std::string_view> email_domains();

}  // namespace izshi::synth
