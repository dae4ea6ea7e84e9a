# Host side of the test firmware (included from tests/cpu/diff/CMakeLists.txt;
# tests/firmware itself is cross-compiled by the `firmware` ExternalProject):
#  - plainrun, the bare-core runner;
#  - fw_run_<name>: runs <name>.elf with plainrun, stdout and exit code must
#    match expected/<name>.out and programs.cmake;
#  - fw_board_<name>: the same with `f3kit run` (the whole virtual board);
#  - fw_host_<name>: a host build of each portable program must print the
#    same expected text (the expected files come from such builds, not from
#    the emulator).
set(_fwt ${CMAKE_SOURCE_DIR}/tests/firmware)
include(${_fwt}/programs.cmake)

add_executable(plainrun ${_fwt}/runner/plainrun.c)
target_link_libraries(plainrun PRIVATE f3_cpu f3_elf)

add_test(NAME fw_plainrun_usage COMMAND plainrun)
set_tests_properties(fw_plainrun_usage PROPERTIES WILL_FAIL TRUE)
add_test(NAME fw_plainrun_bad_elf COMMAND plainrun ${_fwt}/expected/fw_int.out)
set_tests_properties(fw_plainrun_bad_elf PROPERTIES WILL_FAIL TRUE)
if(F3KIT_FIRMWARE)
  # The instruction limit ends a run with its own status and a message.
  add_test(NAME fw_plainrun_limit
    COMMAND ${CMAKE_COMMAND} -DPROG=$<TARGET_FILE:plainrun> -DOPTS=--limit,1000
            -DARG=${F3KIT_FW_BUILD_DIR}/test-firmware/fw_int.elf
            -DEXPECTED=${_fwt}/expected/empty.out -DCODE=125
            "-DSTDERR=instruction limit of 1000 reached" -P ${_fwt}/expect.cmake)
else()
  message(STATUS "F3KIT_FIRMWARE is OFF: the fw_run/fw_board tests are skipped")
endif()

list(LENGTH F3_TEST_FIRMWARE _n)
math(EXPR _last "${_n} - 1")
foreach(i RANGE 0 ${_last} 2)
  math(EXPR j "${i} + 1")
  list(GET F3_TEST_FIRMWARE ${i} name)
  list(GET F3_TEST_FIRMWARE ${j} code)
  set(elf ${F3KIT_FW_BUILD_DIR}/test-firmware/${name}.elf)
  set(expect -DEXPECTED=${_fwt}/expected/${name}.out -DCODE=${code} -P ${_fwt}/expect.cmake)
  if(F3KIT_FIRMWARE)
    add_test(NAME fw_run_${name}
      COMMAND ${CMAKE_COMMAND} -DPROG=$<TARGET_FILE:plainrun> -DARG=${elf} ${expect})
    set_tests_properties(fw_run_${name} PROPERTIES TIMEOUT 120)
    if(TARGET f3kit)
      add_test(NAME fw_board_${name}
        COMMAND ${CMAKE_COMMAND} -DPROG=$<TARGET_FILE:f3kit> -DOPTS=run,--quiet-leds
                -DARG=${elf} ${expect})
      set_tests_properties(fw_board_${name} PROPERTIES TIMEOUT 120)
    endif()
  endif()
  if(name IN_LIST F3_TEST_FIRMWARE_PORTABLE)
    add_executable(fw_host_${name} ${_fwt}/${name}.c)
    target_compile_options(fw_host_${name} PRIVATE -ffp-contract=off)
    target_link_libraries(fw_host_${name} PRIVATE m)
    add_test(NAME fw_host_${name}
      COMMAND ${CMAKE_COMMAND} -DPROG=$<TARGET_FILE:fw_host_${name}> ${expect})
  endif()
endforeach()
