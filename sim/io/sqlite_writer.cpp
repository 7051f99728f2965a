#include "sim/io/sqlite_writer.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace portsim::io {

namespace {

void check(int rc, sqlite3* db, const std::string& what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error("SQLite: " + what + ": " + (db != nullptr ? sqlite3_errmsg(db) : "error"));
  }
}

std::string quote_ident(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void write_sqlite(const std::string& path, const std::vector<Table>& tables) {
  const std::string tmp = path + ".tmp";
  std::filesystem::remove(tmp);
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  sqlite3* db = nullptr;
  if (sqlite3_open(tmp.c_str(), &db) != SQLITE_OK) {
    const std::string msg = db != nullptr ? sqlite3_errmsg(db) : "cannot open";
    sqlite3_close(db);
    throw std::runtime_error("cannot create " + tmp + ": " + msg);
  }
  try {
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    for (const Table& t : tables) {
      std::string create = "CREATE TABLE " + quote_ident(t.name) + " (";
      std::string insert = "INSERT INTO " + quote_ident(t.name) + " VALUES (";
      for (std::size_t c = 0; c < t.columns.size(); ++c) {
        create += (c ? ", " : "") + quote_ident(t.columns[c]) + (t.numeric[c] ? " REAL" : " TEXT");
        insert += c ? ", ?" : "?";
      }
      create += ")";
      insert += ")";
      check(sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr), db, "create " + t.name);
      sqlite3_stmt* stmt = nullptr;
      check(sqlite3_prepare_v2(db, insert.c_str(), -1, &stmt, nullptr), db, "prepare");
      for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
          const int i = static_cast<int>(c) + 1;
          if (t.numeric[c] && !row[c].empty()) {
            sqlite3_bind_double(stmt, i, std::stod(row[c]));
          } else {
            sqlite3_bind_text(stmt, i, row[c].c_str(), -1, SQLITE_TRANSIENT);
          }
        }
        check(sqlite3_step(stmt), db, "insert into " + t.name);
        sqlite3_reset(stmt);
      }
      sqlite3_finalize(stmt);
    }
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  } catch (...) {
    sqlite3_close(db);
    std::filesystem::remove(tmp);
    throw;
  }
  sqlite3_close(db);
  std::filesystem::rename(tmp, path);
}

std::string to_csv(const Table& t) {
  const auto field = [](const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  };
  std::string out;
  for (std::size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + field(t.columns[c]);
  out += "\n";
  for (const auto& row : t.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + field(row[c]);
    out += "\n";
  }
  return out;
}

}  // namespace portsim::io
