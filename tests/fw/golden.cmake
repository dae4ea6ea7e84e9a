# Regenerates one output of tools/gendevice into a scratch directory and
# compares it byte for byte with the committed file.
#   cmake -DGEN=<gendevice> -DDATA=<.dev> -DKIND=tables|header|vectors
#         -DCOMMITTED=<file> -DSCRATCH=<dir> -P golden.cmake
file(MAKE_DIRECTORY ${SCRATCH})
set(out ${SCRATCH}/golden-${KIND}.out)
file(REMOVE ${out})
execute_process(COMMAND ${GEN} ${DATA} --${KIND} ${out} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gendevice failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${out} ${COMMITTED} RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "${COMMITTED} is out of date with ${DATA}: run "
                      "'cmake --build <build> --target regen-device' and commit the result "
                      "(diff ${out} ${COMMITTED})")
endif()
message(STATUS "${COMMITTED} matches a fresh generation")
