#include "analysis/csv_reader.hpp"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "sim/core/input_error.hpp"

namespace streetwise::analysis {

CsvReader::CsvReader(std::string_view text, std::string file) : text_(text), file_(std::move(file)) {
    if (text_.starts_with("\xEF\xBB\xBF")) at_ = 3;
}

void CsvReader::skip_line_break() {
    // "\r\n", "\n" or a lone "\r": one line break each.
    if (text_[at_] == '\r' && at_ + 1 < text_.size() && text_[at_ + 1] == '\n') ++at_;
    ++at_;
    ++line_;
}

bool CsvReader::next(CsvRecord& record) {
    // Skip blank lines.
    while (at_ < text_.size() && (text_[at_] == '\n' || text_[at_] == '\r')) skip_line_break();
    if (at_ >= text_.size()) return false;

    record.fields.clear();
    record.line = line_;
    std::string field;
    bool quoted = false;       // inside a quoted field
    bool was_quoted = false;   // this field was quoted and its closing quote has been read
    int quote_opened_on = 0;
    while (true) {
        if (at_ >= text_.size()) {
            if (quoted)
                throw InputError(file_, quote_opened_on, "",
                                 "field " + std::to_string(record.fields.size() + 1) +
                                     " opens a double quote that is never closed (the file ends inside it)",
                                 "close the quoted field with \" or double any quote inside it (\"\")");
            record.fields.push_back(std::move(field));
            return true;
        }
        const char c = text_[at_];
        if (quoted) {
            ++at_;
            if (c == '"') {
                if (at_ < text_.size() && text_[at_] == '"') {  // "" inside quotes is one quote
                    field.push_back('"');
                    ++at_;
                } else {
                    quoted = false;
                    was_quoted = true;
                }
            } else {
                if (c == '\n') ++line_;
                field.push_back(c);
            }
            continue;
        }
        if (c == ',') {
            ++at_;
            record.fields.push_back(std::move(field));
            field.clear();
            was_quoted = false;
            continue;
        }
        if (c == '\n' || c == '\r') {
            skip_line_break();
            record.fields.push_back(std::move(field));
            return true;
        }
        if (was_quoted)
            throw InputError(file_, line_, "",
                             "field " + std::to_string(record.fields.size() + 1) +
                                 ": unexpected character '" + std::string(1, c) + "' after the closing double quote",
                             "a quoted field must end at the quote; double any quote inside it (\"\")");
        if (c == '"' && field.empty()) {
            quoted = true;
            quote_opened_on = line_;
            ++at_;
            continue;
        }
        // A quote inside an unquoted field is kept as it is (lenient, as most CSV writers expect).
        field.push_back(c);
        ++at_;
    }
}

std::string read_text_file(const std::filesystem::path& file) {
    std::error_code error;
    if (!std::filesystem::exists(file, error))
        throw InputError(file.string(), 0, "", "the file does not exist", "check the path (relative paths start from the current folder)");
    if (std::filesystem::is_directory(file, error))
        throw InputError(file.string(), 0, "", "is a folder, not a file", "give the path of a CSV file");
    errno = 0;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        const int why = errno != 0 ? errno : EACCES;
        throw InputError(file.string(), 0, "", std::string("cannot read the file (") + std::strerror(why) + ")",
                         "check the path and that you can read the file");
    }
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad())
        throw InputError(file.string(), 0, "", "reading the file failed part way", "check the disk and the file");
    return text;
}

std::string normalised_column_name(std::string_view name) {
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

}  // namespace streetwise::analysis
