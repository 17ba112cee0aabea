# Model-level reliability (issue 13): rejections located, control characters kept out of text,
# `base` reserved, libraries compared by file identity, the "too many errors" line last.
set(RELIABILITY_MODEL ${CMAKE_CURRENT_SOURCE_DIR}/data/reliability-model)

sroi_cli_test(model_overflow_located EXIT 1 ARGS report ${RELIABILITY_MODEL}/overflow.yaml
  STDERR "overflow\\.yaml:7:5: error: outcomes\\.huge: its value overflows")
sroi_cli_test(model_nul_byte_located EXIT 1 ARGS validate ${RELIABILITY_MODEL}/nul-byte.yaml
  STDERR "nul-byte\\.yaml:2:22: error: file is not text \\(it contains NUL bytes\\)")
sroi_cli_test(model_missing_project_located EXIT 1 ARGS validate ${RELIABILITY_MODEL}/missing-project.yaml
  STDERR "missing-project\\.yaml:1:1: error: project\\.name: the project needs a name")
string(ASCII 27 ESC)
sroi_cli_test(model_control_character EXIT 1 ARGS report ${RELIABILITY_MODEL}/control-character.yaml
  STDERR "control-character\\.yaml:4:30: error: stakeholders\\[0\\]\\.name: contains the control character \\\\x1B"
  NOT_STDERR "${ESC}")
# The raw byte is not YAML text at all: refused by the parser where it stands.
sroi_cli_test(model_raw_control_character EXIT 1 ARGS report ${RELIABILITY_MODEL}/raw-control-character.yaml
  STDERR "raw-control-character\\.yaml:4:35: error: YAML syntax error: control characters are not allowed \\(byte 0x1b\\)"
  NOT_STDERR "${ESC}")
sroi_cli_test(model_scenario_named_base EXIT 1 ARGS validate ${RELIABILITY_MODEL}/scenario-base.yaml
  STDERR "scenario-base\\.yaml:6:9: error: scenarios\\.base: a scenario cannot be named 'base'")
# The first line is a located error and the last one says that more were found.
sroi_cli_test(model_too_many_errors_last EXIT 1 ARGS validate ${RELIABILITY_MODEL}/too-many-errors.yaml
  STDERR "^[^\n]*too-many-errors\\.yaml:7:27: error: outcomes\\[0\\]\\.stakeholder: unknown stakeholder.*:206:29: error: [^\n]*\n[^\n]*error: too many errors. the rest are not listed\n$")
# --library naming the library the model lists (spelt differently) reads it once: no duplicates.
sroi_cli_test(model_library_given_twice EXIT 0
  ARGS validate --library ${PROJECT_SOURCE_DIR}/models/examples/../proxies/uk-open.yaml
  ${PROJECT_SOURCE_DIR}/models/examples/childrens-early-help.yaml
  NOT_STDERR "duplicate|listed twice")

# Large generated models are checked for correctness (never timed); a hang fails rather than blocks.
set_tests_properties(reliability_model PROPERTIES TIMEOUT 300)
