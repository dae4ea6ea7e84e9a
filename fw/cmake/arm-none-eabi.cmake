# CMake toolchain file for STM32F3 (Cortex-M4F) firmware with the Debian
# gcc-arm-none-eabi + libnewlib-arm-none-eabi packages.
#
#   cmake -S myfw -B build -DCMAKE_TOOLCHAIN_FILE=<f3kit>/fw/cmake/arm-none-eabi.cmake
#
# It sets only the target and the ABI; warnings (-Wall -Wextra -Werror) are
# added per target by f3_firmware() (fw/cmake/f3_firmware.cmake).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

find_program(F3_CROSS_GCC arm-none-eabi-gcc REQUIRED)
get_filename_component(_f3_bin ${F3_CROSS_GCC} DIRECTORY)
set(CMAKE_C_COMPILER ${F3_CROSS_GCC})
set(CMAKE_ASM_COMPILER ${F3_CROSS_GCC})
set(CMAKE_OBJCOPY ${_f3_bin}/arm-none-eabi-objcopy CACHE FILEPATH "objcopy for firmware")
set(CMAKE_SIZE ${_f3_bin}/arm-none-eabi-size CACHE FILEPATH "size for firmware")
set(F3_READELF ${_f3_bin}/arm-none-eabi-readelf CACHE FILEPATH "readelf for firmware")

# A bare-metal compiler cannot link a test program without our link script.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

# The STM32F303's core: Cortex-M4 with single-precision FPU, hard-float ABI.
set(F3_CPU_FLAGS "-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16")
set(CMAKE_C_FLAGS_INIT "${F3_CPU_FLAGS} -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${F3_CPU_FLAGS}")
# newlib-nano, our own startup (fw/rt) instead of crt0, and unused code dropped.
set(CMAKE_EXE_LINKER_FLAGS_INIT "${F3_CPU_FLAGS} --specs=nano.specs -nostartfiles -Wl,--gc-sections")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
