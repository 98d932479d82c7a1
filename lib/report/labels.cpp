#include "report/labels.h"

#include <array>

namespace izshi::report {

namespace {

struct Label {
    std::string_view key, en, ru, kk;  // kk "" falls back to ru
};

constexpr std::array kLabels = {
    Label{"title", "Forensic report", "Заключение по результатам исследования", "Сараптама қорытындысы"},
    Label{"case", "Case", "Дело", "Іс"},
    Label{"case_id", "Case id", "Идентификатор дела", ""},
    Label{"created", "created", "создано", ""},
    Label{"generated", "report generated", "отчёт составлен", ""},
    Label{"masked_note", "Personal data is masked; the full values are in the case file and shown only with --reveal, "
                         "which is recorded in the custody log.",
          "Персональные данные скрыты; полные значения хранятся в файле дела и показываются только с --reveal, что "
          "фиксируется в журнале хранения.", ""},
    Label{"revealed_note", "Personal data is shown in full (--reveal); this was recorded in the custody log.",
          "Персональные данные показаны полностью (--reveal); это зафиксировано в журнале хранения.", ""},
    Label{"summary", "Summary", "Сводка", "Жиынтық"},
    Label{"evidence_items", "evidence items", "объектов исследования", ""},
    Label{"files", "files", "файлов", "файл"},
    Label{"citizens", "citizens whose data was found", "граждан, чьи данные найдены", ""},
    Label{"databases", "personal-data databases", "баз персональных данных", ""},
    Label{"software_tools", "impersonation tools", "средств подмены голоса и лица", ""},
    Label{"watchlist_matches", "watchlist matches", "совпадений со списками номеров", ""},
    Label{"deleted_files", "deleted files", "удалённых файлов", ""},
    Label{"errors_recorded", "problems recorded", "зафиксированных проблем", ""},
    Label{"not_run", "not examined yet", "исследование не проводилось", ""},
    Label{"evidence", "Evidence and integrity", "Объекты исследования и целостность", ""},
    Label{"label", "Label", "Метка", ""},
    Label{"exhibit", "Exhibit", "Вещественное доказательство", ""},
    Label{"format", "Format", "Формат", ""},
    Label{"size", "Size", "Размер", ""},
    Label{"seizure", "Seized (where, when, by whom)", "Изъято (где, когда, кем)", ""},
    Label{"hashes", "Hashes: computed, stored, re-verified", "Хеши: вычисленные, сохранённые, перепроверенные", ""},
    Label{"integrity", "Integrity", "Целостность", ""},
    Label{"stored_match", "matches the acquisition hash", "совпадает с хешем при изъятии", ""},
    Label{"stored_mismatch", "DIFFERS from the acquisition hash", "НЕ СОВПАДАЕТ с хешем при изъятии", ""},
    Label{"no_stored", "no acquisition hash", "нет хеша при изъятии", ""},
    Label{"reverified", "re-verified", "перепроверено", ""},
    Label{"charts", "Charts", "Диаграммы", ""},
    Label{"findings_per_item", "Personal-data findings per evidence item", "Найденные персональные данные по объектам", ""},
    Label{"pii_types", "Personal data by type", "Персональные данные по видам", ""},
    Label{"macb_timeline", "File activity by day around the seizure (modified, accessed, changed, born)",
          "Активность файлов по дням вокруг изъятия (изменение, доступ, метаданные, создание)", ""},
    Label{"pii_databases", "Personal-data databases", "Базы персональных данных", ""},
    Label{"path", "Path", "Путь", ""},
    Label{"people", "Distinct IINs", "Уникальных ИИН", ""},
    Label{"columns", "Columns", "Столбцы", ""},
    Label{"overlaps", "Same people elsewhere", "Те же лица в других местах", ""},
    Label{"software", "Software for impersonation and calls", "Программы подмены голоса, лица и звонков", ""},
    Label{"tool", "Tool", "Программа", ""},
    Label{"category", "Category", "Категория", ""},
    Label{"strength", "Strength", "Степень", ""},
    Label{"indicators", "Indicators", "Признаки", ""},
    Label{"numbers", "Phone numbers: watchlist matches and links", "Телефонные номера: совпадения и связи", ""},
    Label{"number", "Number", "Номер", ""},
    Label{"watchlist", "Watchlist (line)", "Список (строка)", ""},
    Label{"place", "Where", "Где", ""},
    Label{"time_side_by_side", "List time / evidence time", "Время в списке / на носителе", ""},
    Label{"links", "Evidence items sharing numbers", "Объекты с общими номерами", ""},
    Label{"shared", "shared numbers", "общих номеров", ""},
    Label{"custody_log", "Custody log", "Журнал хранения", ""},
    Label{"chain_intact", "Hash chain intact, every seal matches", "Цепочка хешей цела, все печати совпадают", ""},
    Label{"chain_broken", "Hash chain BROKEN", "Цепочка хешей НАРУШЕНА", ""},
    Label{"time", "Time (UTC)", "Время (UTC)", ""},
    Label{"examiner", "Examiner", "Эксперт", ""},
    Label{"action", "Action", "Действие", ""},
    Label{"authorization", "Authorisation", "Основание", ""},
    Label{"appendix", "Appendix: files with findings", "Приложение: файлы с находками", ""},
    Label{"findings", "Findings", "Находки", ""},
    Label{"types", "Types", "Виды", ""},
    Label{"problems", "Problems recorded", "Зафиксированные проблемы", ""},
    Label{"none", "None.", "Нет.", "Жоқ."},
    Label{"first_of", "The first {} of {}; the JSON and CSV reports have all.", "Первые {} из {}; полностью — в отчётах JSON и CSV.", ""},
    Label{"evidence_id", "Item", "Объект", ""},
    Label{"events", "events", "событий", ""},
    Label{"hash", "Hash", "Хеш", ""},
    Label{"on_watchlists", "on watchlists", "в списках", ""},
    Label{"macb_m", "M (modified)", "M (изменение)", ""},
    Label{"macb_a", "A (accessed)", "A (доступ)", ""},
    Label{"macb_c", "C (changed)", "C (метаданные)", ""},
    Label{"macb_b", "B (born)", "B (создание)", ""},
    Label{"seconds", "s", "с", ""},
};

}  // namespace

bool is_report_language(std::string_view code) { return code == "ru" || code == "en" || code == "kk"; }

std::string_view label(std::string_view language, std::string_view key) {
    for (const auto& l : kLabels) {
        if (l.key != key) continue;
        if (language == "en") return l.en;
        if (language == "kk" && !l.kk.empty()) return l.kk;
        return l.ru;
    }
    return key;
}

}  // namespace izshi::report
