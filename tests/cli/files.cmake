# Output files, signals and untrusted input files (issue 13, "files and signals").
# Each case of tests/cmake/output_files.sh works in its own directory; a hang fails at the timeout.
find_program(SROI_BASH bash)
if(SROI_BASH)
  foreach(case IN ITEMS symlink fifo char_device own_descriptor private_mode hard_link long_name output_is_input
                        samples_and_output signal_int signal_term signal_hup library_fifo library_content_not_quoted
                        compare_names_files)
    add_test(NAME cli_files_${case}
      COMMAND ${SROI_BASH} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/output_files.sh $<TARGET_FILE:sroi_cli>
        ${SROI_CLI_OUT}/files ${case} ${GOLDEN} ${CMAKE_CURRENT_SOURCE_DIR}/data)
    set_tests_properties(cli_files_${case} PROPERTIES TIMEOUT 30)
  endforeach()
endif()
# is_library_file() on a FIFO must not block (reliability_files_test.cpp).
if(TEST reliability_files)
  set_tests_properties(reliability_files PROPERTIES TIMEOUT 30)
endif()

# --seed: 0 to 2^64-1; -1 and 2^64 are usage errors naming the range.
set(SEED_RANGE "from 0 to 18446744073709551615")
sroi_cli_test(seed_minus_one EXIT 2 ARGS simulate ${GOLDEN} --draws 10 --seed -1 STDERR "${SEED_RANGE}")
sroi_cli_test(seed_two_to_64 EXIT 2 ARGS simulate ${GOLDEN} --draws 10 --seed 18446744073709551616
  STDERR "${SEED_RANGE}")
sroi_cli_test(seed_largest EXIT 0 ARGS simulate ${GOLDEN} --draws 10 --seed 18446744073709551615 --format json
  STDOUT "\"seed\": 18446744073709551615")
sroi_cli_test(seed_sobol_minus_one EXIT 2 ARGS sobol ${GOLDEN} --samples 64 --seed -1 STDERR "${SEED_RANGE}")
sroi_cli_test(seed_report_plus EXIT 2 ARGS report ${GOLDEN} --format html --seed +5 STDERR "${SEED_RANGE}")

# compare: a model that cannot be evaluated is named (it was "sroi: error: ...").
sroi_cli_test(compare_names_unevaluable_model EXIT 1 ARGS compare ${CMAKE_CURRENT_SOURCE_DIR}/data/compare/forecast.yaml
  ${CMAKE_CURRENT_SOURCE_DIR}/data/fuzz-regressions/overflow-quantity-times-proxy.yaml
  STDERR "overflow-quantity-times-proxy\\.yaml: error: outcomes\\.huge: its value overflows")
