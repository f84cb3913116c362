# How each external library is found. Every one comes from a Debian 12 package installed by
# scripts/setup.sh; third_party/README.md says why each was chosen. Nothing is vendored.

# nlohmann/json (nlohmann-json3-dev): header-only.
find_package(nlohmann_json 3.10 REQUIRED)
add_library(dcos::json INTERFACE IMPORTED)
target_link_libraries(dcos::json INTERFACE nlohmann_json::nlohmann_json)

# CLI11 (libcli11-dev): header-only.
find_package(CLI11 2.1 REQUIRED)
add_library(dcos::cli11 INTERFACE IMPORTED)
target_link_libraries(dcos::cli11 INTERFACE CLI11::CLI11)

# fmt (libfmt-dev): header-only (FMT_HEADER_ONLY), in src/client/number_format.cpp alone, so
# that `dcos` loads no libfmt.so at start-up and no other file compiles fmt.
find_path(FMT_INCLUDE_DIR fmt/format.h REQUIRED)
add_library(dcos::fmt INTERFACE IMPORTED)
target_include_directories(dcos::fmt SYSTEM INTERFACE ${FMT_INCLUDE_DIR})
target_compile_definitions(dcos::fmt INTERFACE FMT_HEADER_ONLY=1)

# toml++ (libtomlplusplus-dev): used header-only so the binary loads no libtomlplusplus.so.
find_path(TOMLPP_INCLUDE_DIR toml++/toml.h REQUIRED)
add_library(dcos::toml INTERFACE IMPORTED)
target_include_directories(dcos::toml SYSTEM INTERFACE ${TOMLPP_INCLUDE_DIR})
target_compile_definitions(dcos::toml INTERFACE TOML_HEADER_ONLY=1)

# yaml-cpp (libyaml-cpp-dev): linked statically from the .a Debian ships.
find_library(YAML_CPP_STATIC NAMES libyaml-cpp.a REQUIRED)
find_path(YAML_CPP_INCLUDE_DIR yaml-cpp/yaml.h REQUIRED)
add_library(dcos::yaml INTERFACE IMPORTED)
target_include_directories(dcos::yaml SYSTEM INTERFACE ${YAML_CPP_INCLUDE_DIR})
target_link_libraries(dcos::yaml INTERFACE ${YAML_CPP_STATIC})

# libcurl (libcurl4-openssl-dev): only its headers at build time; the library itself is
# loaded with dlopen("libcurl.so.4") on the first HTTP request (src/client/curl_transport.cpp).
find_path(CURL_INCLUDE_DIR curl/curl.h REQUIRED)
add_library(dcos::curl_headers INTERFACE IMPORTED)
target_include_directories(dcos::curl_headers SYSTEM INTERFACE ${CURL_INCLUDE_DIR})

# cpp-httplib (libcpp-httplib-dev): Debian ships it compiled (libcpp-httplib.so, with OpenSSL),
# found through pkg-config. Used by the tests' local HTTP listeners and by dcos-local; never
# linked into dcos.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
add_library(dcos::httplib INTERFACE IMPORTED)
target_link_libraries(dcos::httplib INTERFACE PkgConfig::HTTPLIB)

# kainjow mustache (libkainjow-mustache-dev): header-only, compiled in
# src/local/cosmos/render.cpp alone (Cosmos's rendering of marathon.json.mustache).
find_path(KAINJOW_MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
add_library(dcos::mustache INTERFACE IMPORTED)
target_include_directories(dcos::mustache SYSTEM INTERFACE ${KAINJOW_MUSTACHE_INCLUDE_DIR})

# zlib (zlib1g-dev): the gzip inside the DCOS_PACKAGE_DEFINITION label dcos-local's Cosmos
# writes and reads.
find_package(ZLIB REQUIRED)
