#pragma once
// Reading CSV files of real data (police.uk crime, survey tables) the way RFC 4180 defines them:
// fields separated by commas, optionally in double quotes, where a quoted field may hold commas,
// doubled quotes ("") and line breaks. Each record keeps the line it starts on, so every error about
// it can name the file and the line.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace streetwise::analysis {

struct CsvRecord {
    std::vector<std::string> fields;
    int line = 0;  // 1-based line of the file on which the record starts
};

class CsvReader {
public:
    // `text` must outlive the reader. `file` names the source in error messages. A UTF-8 byte order
    // mark at the start is skipped; lines may end in "\n" or "\r\n".
    CsvReader(std::string_view text, std::string file);

    // The next record into `record`; false at the end of the text. Blank lines are skipped (files
    // made by concatenating monthly downloads often have some). Throws InputError naming the file and
    // line for a quoted field that is never closed or a character after a closing quote.
    bool next(CsvRecord& record);

    const std::string& file() const { return file_; }

private:
    void skip_line_break();  // at a "\r" or "\n"

    std::string_view text_;
    std::string file_;
    std::size_t at_ = 0;
    int line_ = 1;
};

// The whole file as text; throws InputError naming it when it cannot be read (missing, a folder,
// no permission).
std::string read_text_file(const std::filesystem::path& file);

// The header's column names compared the forgiving way: trimmed of spaces and case-insensitive.
std::string normalised_column_name(std::string_view name);

}  // namespace streetwise::analysis
