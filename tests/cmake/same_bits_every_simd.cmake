# `sroi simulate` with SROI_SIMD unset, =avx2 and =portable must write byte-identical JSON: every
# instruction set of the sampling kernels gives the same bits, through the whole pipeline.
#   cmake -DSROI=path -DMODELS="a.yaml|b.yaml" -DOUT=dir -P same_bits_every_simd.cmake
string(REPLACE "|" ";" MODELS "${MODELS}")
foreach(model IN LISTS MODELS)
  get_filename_component(name "${model}" NAME_WE)
  foreach(level default avx2 portable)
    if(level STREQUAL "default")
      unset(ENV{SROI_SIMD})
    else()
      set(ENV{SROI_SIMD} ${level})
    endif()
    execute_process(COMMAND ${SROI} simulate ${model} --draws 20000 --seed 11 --format json
                            -o ${OUT}/simd-${name}-${level}.json
                    RESULT_VARIABLE status ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
      message(FATAL_ERROR "SROI_SIMD=${level} sroi simulate ${model} failed (${status}):\n${err}")
    endif()
  endforeach()
  foreach(level avx2 portable)
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/simd-${name}-default.json
                            ${OUT}/simd-${name}-${level}.json RESULT_VARIABLE differ)
    if(NOT differ EQUAL 0)
      message(FATAL_ERROR "${name}: SROI_SIMD=${level} wrote other bytes than the default")
    endif()
  endforeach()
endforeach()
