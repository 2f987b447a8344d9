/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built at configure time: can clang make a libFuzzer program here? */

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return size > 0 && data[0] == 0;
}
