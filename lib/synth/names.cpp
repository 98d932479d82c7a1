#include "synth/names.h"

#include <array>

namespace izshi::synth {
namespace {

using namespace std::string_view_literals;

constexpr std::array kKazakhMale{
    "Нурлан"sv, "Ерлан"sv, "Асхат"sv,  "Бауыржан"sv, "Данияр"sv, "Ержан"sv, "Канат"sv,
    "Марат"sv,  "Серик"sv, "Талгат"sv, "Айдос"sv,    "Арман"sv,  "Дамир"sv, "Жандос"sv,
    "Нұржан"sv, "Олжас"sv, "Самат"sv,  "Ерғали"sv,   "Әлібек"sv, "Тимур"sv, "Азамат"sv,
};
constexpr std::array kKazakhFemale{
    "Айгерим"sv, "Айгуль"sv, "Асель"sv,  "Гульнара"sv, "Динара"sv, "Жанар"sv,  "Камила"sv, "Мадина"sv,  "Сауле"sv,
    "Томирис"sv, "Алия"sv,   "Ақбота"sv, "Әсел"sv,     "Дана"sv,   "Жұлдыз"sv, "Аруна"sv,  "Назерке"sv,
};
constexpr std::array kRussianMale{
    "Алексей"sv, "Дмитрий"sv, "Сергей"sv, "Андрей"sv, "Иван"sv,    "Михаил"sv,
    "Николай"sv, "Павел"sv,   "Виктор"sv, "Денис"sv,  "Евгений"sv, "Роман"sv,
};
constexpr std::array kRussianFemale{
    "Анна"sv,  "Елена"sv,    "Ольга"sv, "Наталья"sv,   "Татьяна"sv, "Мария"sv,
    "Ирина"sv, "Светлана"sv, "Юлия"sv,  "Екатерина"sv, "Людмила"sv,
};
constexpr std::array kKazakhSurnames{
    Surname{"Ахметов", "Ахметова"},         Surname{"Нурпеисов", "Нурпеисова"},
    Surname{"Жумабаев", "Жумабаева"},       Surname{"Касымов", "Касымова"},
    Surname{"Абдрахманов", "Абдрахманова"}, Surname{"Искаков", "Искакова"},
    Surname{"Тулегенов", "Тулегенова"},     Surname{"Сулейменов", "Сулейменова"},
    Surname{"Омаров", "Омарова"},           Surname{"Бекмухамбетов", "Бекмухамбетова"},
    Surname{"Сейткали", "Сейткали"},        Surname{"Әбенов", "Әбенова"},
    Surname{"Қасымжанов", "Қасымжанова"},   Surname{"Серикбаев", "Серикбаева"},
    Surname{"Байжанов", "Байжанова"},       Surname{"Есенов", "Есенова"},
    Surname{"Мукашев", "Мукашева"},         Surname{"Оспанов", "Оспанова"},
};
constexpr std::array kRussianSurnames{
    Surname{"Иванов", "Иванова"},   Surname{"Петров", "Петрова"},
    Surname{"Смирнов", "Смирнова"}, Surname{"Кузнецов", "Кузнецова"},
    Surname{"Попов", "Попова"},     Surname{"Соколов", "Соколова"},
    Surname{"Лебедев", "Лебедева"}, Surname{"Новиков", "Новикова"},
    Surname{"Морозов", "Морозова"}, Surname{"Ким", "Ким"},
    Surname{"Волков", "Волкова"},   Surname{"Федоров", "Федорова"},
};
constexpr std::array kKazakhFathers{
    FatherName{"Нурланович", "Нурлановна", "Нұрланұлы", "Нұрланқызы"},
    FatherName{"Ерланович", "Ерлановна", "Ерланұлы", "Ерланқызы"},
    FatherName{"Маратович", "Маратовна", "Маратұлы", "Маратқызы"},
    FatherName{"Серикович", "Сериковна", "Серікұлы", "Серікқызы"},
    FatherName{"Канатович", "Канатовна", "Қанатұлы", "Қанатқызы"},
    FatherName{"Асханович", "Асхановна", "Асханұлы", "Асханқызы"},
    FatherName{"Болатович", "Болатовна", "Болатұлы", "Болатқызы"},
    FatherName{"Талгатович", "Талгатовна", "Талғатұлы", "Талғатқызы"},
    FatherName{"Бауыржанович", "Бауыржановна", "Бауыржанұлы", "Бауыржанқызы"},
};
constexpr std::array kRussianFathers{
    FatherName{"Иванович", "Ивановна", "", ""},           FatherName{"Сергеевич", "Сергеевна", "", ""},
    FatherName{"Александрович", "Александровна", "", ""}, FatherName{"Владимирович", "Владимировна", "", ""},
    FatherName{"Николаевич", "Николаевна", "", ""},       FatherName{"Петрович", "Петровна", "", ""},
    FatherName{"Викторович", "Викторовна", "", ""},
};
constexpr std::array kCities{
    "Алматы"sv, "Астана"sv,           "Шымкент"sv,   "Караганда"sv, "Актобе"sv,    "Тараз"sv,   "Павлодар"sv,
    "Семей"sv,  "Усть-Каменогорск"sv, "Атырау"sv,    "Костанай"sv,  "Кызылорда"sv, "Уральск"sv, "Петропавловск"sv,
    "Актау"sv,  "Талдыкорган"sv,      "Туркестан"sv, "Қонаев"sv,
};
// Example and free-mail domains; the local parts are random, so these are not real inboxes.
constexpr std::array kEmailDomains{
    "mail.ru"sv, "gmail.com"sv, "mail.kz"sv, "inbox.ru"sv, "yandex.kz"sv, "bk.ru"sv, "example.kz"sv,
};

}  // namespace

std::span<const std::string_view> kazakh_male_first_names() {
    return kKazakhMale;
}
std::span<const std::string_view> kazakh_female_first_names() {
    return kKazakhFemale;
}
std::span<const std::string_view> russian_male_first_names() {
    return kRussianMale;
}
std::span<const std::string_view> russian_female_first_names() {
    return kRussianFemale;
}
std::span<const Surname> kazakh_surnames() {
    return kKazakhSurnames;
}
std::span<const Surname> russian_surnames() {
    return kRussianSurnames;
}
std::span<const FatherName> kazakh_father_names() {
    return kKazakhFathers;
}
std::span<const FatherName> russian_father_names() {
    return kRussianFathers;
}
std::span<const std::string_view> kazakh_cities() {
    return kCities;
}
std::span<const std::string_view> email_domains() {
    return kEmailDomains;
}

}  // namespace izshi::synth
