# Fails when any C++ source under src/ or tests/ is not formatted as .clang-format says.
file(GLOB_RECURSE sources
  ${SOURCE_DIR}/src/*.cpp ${SOURCE_DIR}/src/*.hpp ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.hpp)
execute_process(
  COMMAND ${CLANG_FORMAT} --dry-run -Werror --style=file ${sources}
  WORKING_DIRECTORY ${SOURCE_DIR}
  RESULT_VARIABLE result
  ERROR_VARIABLE details)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "unformatted sources (run 'make format'):\n${details}")
endif()
