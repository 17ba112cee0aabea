# `sroi ARGS --threads 40000` must exit 0 and print exactly what `sroi ARGS --threads 2` prints.
#   cmake -DSROI=path -DARGS="a|b|c" -DOUT=dir -DNAME=name -P same_output_any_threads.cmake
string(REPLACE "|" ";" ARGS "${ARGS}")
foreach(threads 2 40000)
  execute_process(COMMAND ${SROI} ${ARGS} --threads ${threads} OUTPUT_FILE ${OUT}/${NAME}-${threads}.txt
                  RESULT_VARIABLE status ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "sroi ${ARGS} --threads ${threads} exited '${status}':\n${err}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/${NAME}-2.txt ${OUT}/${NAME}-40000.txt
                RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  message(FATAL_ERROR "sroi ${ARGS}: --threads 40000 printed other output than --threads 2")
endif()
