# The sroi tool as a user meets it: exit statuses 0 / 1 / 2, messages, atomic output files.
if(NOT TARGET sroi_cli)
  return()
endif()

set(SROI_CLI_OUT ${PROJECT_BINARY_DIR}/cli-test-output)
file(MAKE_DIRECTORY ${SROI_CLI_OUT})
set(GOLDEN ${CMAKE_CURRENT_SOURCE_DIR}/data/golden-model.yaml)

# sroi_cli_test(NAME EXIT code ARGS ... [STDERR regex] [STDOUT regex] [NO_FILE path] [FILE path])
function(sroi_cli_test name)
  cmake_parse_arguments(T "" "EXIT;STDERR;STDOUT;NO_FILE;FILE" "ARGS" ${ARGN})
  set(defs -DEXPECT_EXIT=${T_EXIT})
  foreach(key STDERR STDOUT NO_FILE FILE)
    if(DEFINED T_${key})
      list(APPEND defs "-DEXPECT_${key}=${T_${key}}")
    endif()
  endforeach()
  string(REPLACE ";" "|" command "$<TARGET_FILE:sroi_cli>;${T_ARGS}")
  add_test(NAME cli_${name}
    COMMAND ${CMAKE_COMMAND} "-DCOMMAND=${command}" ${defs} -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/expect_exit.cmake)
endfunction()

sroi_cli_test(version EXIT 0 ARGS --version STDOUT "sroi [0-9]+\\.[0-9]+")
sroi_cli_test(help EXIT 0 ARGS --help STDOUT "validate.*report")
sroi_cli_test(report_help EXIT 0 ARGS report --help STDOUT "--format")
sroi_cli_test(no_command EXIT 2 ARGS)
sroi_cli_test(unknown_command EXIT 2 ARGS frobnicate)
sroi_cli_test(report_no_model EXIT 2 ARGS report)
sroi_cli_test(bad_format EXIT 2 ARGS report ${GOLDEN} --format pdf)
sroi_cli_test(unknown_scenario EXIT 2 ARGS report ${GOLDEN} --scenario nope STDERR "no scenario named 'nope'")
sroi_cli_test(validate_examples EXIT 0 ARGS validate ${PROJECT_SOURCE_DIR}/models/examples/local-employment-apprenticeships.yaml
  ${PROJECT_SOURCE_DIR}/models/examples/early-intervention-older-people.yaml
  ${PROJECT_SOURCE_DIR}/models/examples/parks-volunteering.yaml
  ${PROJECT_SOURCE_DIR}/models/examples/local-supply-chain-carbon.yaml
  ${PROJECT_SOURCE_DIR}/models/proxies/uk-open.yaml STDOUT "uk-open.yaml: ok \\(library: 4 proxies, 1 indices\\)")
sroi_cli_test(validate_errors EXIT 1 ARGS validate ${CMAKE_CURRENT_SOURCE_DIR}/data/errors/several.yaml
  STDERR "several.yaml:[0-9]+:[0-9]+: error: ")
sroi_cli_test(validate_missing_file EXIT 1 ARGS validate ${SROI_CLI_OUT}/does-not-exist.yaml STDERR "error")
sroi_cli_test(report_missing_file EXIT 1 ARGS report ${SROI_CLI_OUT}/does-not-exist.yaml STDERR "error")
sroi_cli_test(report_json EXIT 0 ARGS report ${GOLDEN} --format json STDOUT "\"sroi_ratio\": 3\\.33287978")
sroi_cli_test(report_to_file EXIT 0 ARGS report ${GOLDEN} --format markdown -o ${SROI_CLI_OUT}/golden.md
  FILE ${SROI_CLI_OUT}/golden.md)
sroi_cli_test(report_to_missing_dir EXIT 1 ARGS report ${GOLDEN} -o ${SROI_CLI_OUT}/no-such-dir/out.txt
  NO_FILE ${SROI_CLI_OUT}/no-such-dir/out.txt STDERR "cannot write")
sroi_cli_test(bad_model_leaves_no_file EXIT 1
  ARGS report ${CMAKE_CURRENT_SOURCE_DIR}/data/errors/several.yaml -o ${SROI_CLI_OUT}/never.txt
  NO_FILE ${SROI_CLI_OUT}/never.txt)

# sensitivity, scenarios and sweep
set(APPRENTICES ${PROJECT_SOURCE_DIR}/models/examples/local-employment-apprenticeships.yaml)
sroi_cli_test(sensitivity_json EXIT 0 ARGS sensitivity ${GOLDEN} --format json STDOUT "\"switching_value\"")
sroi_cli_test(sensitivity_text EXIT 0 ARGS sensitivity ${APPRENTICES} --scenario pessimistic STDOUT "Tornado: SROI ratio")
sroi_cli_test(sensitivity_bad_variation EXIT 2 ARGS sensitivity ${GOLDEN} --variation -1)
sroi_cli_test(sensitivity_unknown_scenario EXIT 2 ARGS sensitivity ${GOLDEN} --scenario nope STDERR "no scenario named 'nope'")
sroi_cli_test(scenarios_side_by_side EXIT 0 ARGS scenarios ${APPRENTICES} --format csv STDOUT "\npessimistic,")
sroi_cli_test(scenarios_file_error EXIT 1 ARGS scenarios ${GOLDEN} --scenarios ${CMAKE_CURRENT_SOURCE_DIR}/data/scenarios-unknown-path.yaml
  STDERR "scenarios-unknown-path.yaml:5:7: error: .*did you mean 'outcomes.wellbeing.quantity'")
sroi_cli_test(sweep_csv EXIT 0 ARGS sweep ${GOLDEN} --param outcomes.wellbeing.deadweight=0:0.3:0.1
  STDOUT "^outcomes.wellbeing.deadweight,sroi_ratio,net_present_value,present_value,total_inputs\n0,[^\n]*\n0.1,[^\n]*\n0.2,[^\n]*\n0.3,")
sroi_cli_test(sweep_step_zero EXIT 2 ARGS sweep ${GOLDEN} --param outcomes.wellbeing.deadweight=0:0.5:0 STDERR "the step is 0")
sroi_cli_test(sweep_outside_domain EXIT 2 ARGS sweep ${GOLDEN} --param outcomes.wellbeing.deadweight=0:1.5:0.5 STDERR "outside")
sroi_cli_test(sweep_unknown_path EXIT 2 ARGS sweep ${GOLDEN} --param outcomes.wellbeing.deadwieght=0:0.5:0.1 STDERR "did you mean")

# Numeric safety and text checks (issue 7): an overflowing model exits 1 naming the outcome and
# leaves no output file; bytes that are not UTF-8 are rejected at their line and column.
set(SROI_FUZZ_REGRESSIONS ${CMAKE_CURRENT_SOURCE_DIR}/data/fuzz-regressions)
sroi_cli_test(overflow_leaves_no_file EXIT 1
  ARGS report ${SROI_FUZZ_REGRESSIONS}/overflow-quantity-times-proxy.yaml --format json -o ${SROI_CLI_OUT}/overflow.json
  NO_FILE ${SROI_CLI_OUT}/overflow.json STDERR "error: outcomes\\.huge: its value overflows")
sroi_cli_test(not_utf8 EXIT 1 ARGS validate ${SROI_FUZZ_REGRESSIONS}/crash-invalid-utf8-in-project-name.yaml
  STDERR "crash-invalid-utf8-in-project-name\\.yaml:3:[0-9]+: error: file is not UTF-8 text")
