// Creating the store's database file readable and writable by its owner only (mode 0600).
#pragma once

#include <string>

namespace lineside::kernel {

/**
 * Create an empty file at path with mode 0600 unless something already exists there (an
 * existing file keeps its mode). SQLite gives the -wal and -shm files the database's mode.
 * Throws StoreError("<SQLite reason> (<OS reason>)") when the file cannot be created.
 */
void create_private_file_if_absent(const std::string &path);

} // namespace lineside::kernel
