# The f3kit firmware kit for CMake projects cross-compiled with
# fw/cmake/arm-none-eabi.cmake.  Include it once:
#
#   include(<f3kit>/fw/cmake/f3kit.cmake)
#
# It defines the static library `f3kit_fw` (fw/rt + fw/bsp, with the
# include directories fw/device, fw/rt, fw/bsp) and the function
#
#   f3_firmware(<name> <source>...
#               [LIBRARIES <lib>...]       extra libraries to link
#               [MEMORY_X <file>]          memory description instead of fw/memory.x
#                                          (any file name; it is INCLUDEd as memory.x)
#               [LINKER_SCRIPT <file>]     instead of fw/link.x
#               [NO_KIT])                  do not link f3kit_fw (bring your own
#                                          vector table and startup)
#
# which builds <name>.elf with <name>.map next to it, then <name>.bin and
# <name>.hex, and prints a size report (also written to <name>.size).
# Sources get -Wall -Wextra, and -Werror while F3_FIRMWARE_WERROR is ON
# (default ON).
include_guard(GLOBAL)

set(F3KIT_FW_DIR ${CMAKE_CURRENT_LIST_DIR}/.. CACHE INTERNAL "")
get_filename_component(F3KIT_FW_DIR ${F3KIT_FW_DIR} ABSOLUTE)
option(F3_FIRMWARE_WERROR "Treat warnings as errors in f3kit firmware" ON)

if(NOT CMAKE_C_COMPILER MATCHES "arm-none-eabi")
  message(FATAL_ERROR "f3kit firmware needs the cross toolchain: configure with "
                      "-DCMAKE_TOOLCHAIN_FILE=${F3KIT_FW_DIR}/cmake/arm-none-eabi.cmake")
endif()

function(_f3_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra $<$<BOOL:${F3_FIRMWARE_WERROR}>:-Werror>)
endfunction()

if(NOT TARGET f3kit_fw)
  file(GLOB _f3_kit_sources CONFIGURE_DEPENDS ${F3KIT_FW_DIR}/rt/*.c ${F3KIT_FW_DIR}/bsp/*.c)
  list(REMOVE_ITEM _f3_kit_sources ${F3KIT_FW_DIR}/bsp/syscalls.c)
  add_library(f3kit_fw STATIC ${_f3_kit_sources})
  target_include_directories(f3kit_fw PUBLIC ${F3KIT_FW_DIR}/device ${F3KIT_FW_DIR}/rt
                                             ${F3KIT_FW_DIR}/bsp)
  target_compile_features(f3kit_fw PUBLIC c_std_11)
  _f3_warnings(f3kit_fw)
  # newlib's system calls as an object linked into every firmware: newlib is
  # searched after the kit library, too late to pull them from an archive.
  add_library(f3kit_fw_syscalls OBJECT ${F3KIT_FW_DIR}/bsp/syscalls.c)
  target_link_libraries(f3kit_fw_syscalls PRIVATE f3kit_fw)
  _f3_warnings(f3kit_fw_syscalls)
endif()

function(f3_firmware name)
  cmake_parse_arguments(A "NO_KIT" "MEMORY_X;LINKER_SCRIPT" "LIBRARIES" ${ARGN})
  set(sources ${A_UNPARSED_ARGUMENTS})
  if(NOT sources)
    message(FATAL_ERROR "f3_firmware(${name}): give at least one source file")
  endif()

  set(memory_x ${F3KIT_FW_DIR}/memory.x)
  set(memory_dir ${F3KIT_FW_DIR})
  if(A_MEMORY_X)
    get_filename_component(memory_x ${A_MEMORY_X} ABSOLUTE)
    if(NOT EXISTS ${memory_x})
      message(FATAL_ERROR "f3_firmware(${name}): MEMORY_X ${memory_x} does not exist")
    endif()
    # link.x INCLUDEs "memory.x": give the file that name in a directory of
    # its own, searched before the kit's.
    set(memory_dir ${CMAKE_CURRENT_BINARY_DIR}/${name}.ld)
    configure_file(${memory_x} ${memory_dir}/memory.x COPYONLY)
  endif()
  set(script ${F3KIT_FW_DIR}/link.x)
  if(A_LINKER_SCRIPT)
    get_filename_component(script ${A_LINKER_SCRIPT} ABSOLUTE)
  endif()

  add_executable(${name} ${sources})
  set_target_properties(${name} PROPERTIES SUFFIX ".elf")
  _f3_warnings(${name})
  if(NOT A_NO_KIT)
    target_link_libraries(${name} PRIVATE f3kit_fw_syscalls f3kit_fw)
  endif()
  if(A_LIBRARIES)
    target_link_libraries(${name} PRIVATE ${A_LIBRARIES})
  endif()
  set(out $<TARGET_FILE_DIR:${name}>/${name})
  target_link_options(${name} PRIVATE -L${memory_dir} -L${F3KIT_FW_DIR} -T${script}
                      -Wl,-Map=${out}.map)
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${script} ${memory_x})
  add_custom_command(TARGET ${name} POST_BUILD
    COMMAND ${CMAKE_OBJCOPY} -O binary $<TARGET_FILE:${name}> ${out}.bin
    COMMAND ${CMAKE_OBJCOPY} -O ihex $<TARGET_FILE:${name}> ${out}.hex
    COMMAND ${CMAKE_COMMAND} -DELF=$<TARGET_FILE:${name}> -DREADELF=${F3_READELF}
            -DMEMORY_X=${memory_dir}/memory.x -DOUT=${out}.size
            -P ${F3KIT_FW_DIR}/cmake/size_report.cmake
    VERBATIM)
endfunction()
