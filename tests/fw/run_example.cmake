# Runs a kit example on f3kit's virtual board and checks exit status and
# output.  The virtual time limit only stops firmware that never ends.
#   cmake -DF3KIT=<f3kit> -DELF=<elf> -DSTATUS=<n> [-DARGS=a;b] [-DEXPECT=t1;t2]
#         -P run_example.cmake
if(NOT EXISTS ${ELF})
  message(FATAL_ERROR "${ELF} is missing: build the 'firmware' target first")
endif()
execute_process(COMMAND ${F3KIT} run ${ARGS} ${ELF}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 120)
message("${out}")
message("${err}")
if(NOT rc STREQUAL STATUS)
  message(FATAL_ERROR "f3kit run exited with ${rc}, expected ${STATUS}")
endif()
foreach(text ${EXPECT})
  string(FIND "${out}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the output lacks: ${text}")
  endif()
endforeach()
