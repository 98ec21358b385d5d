/* hilum-uid.h — DICOM UIDs derived from names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * A UID under the 2.25 root (PS3.5 B.2: a UUID as one decimal number) whose UUID is the
 * RFC 9562 version-5 (name-based, SHA-1) UUID of @name in Hilum's namespace. The same
 * name always gives the same UID, on every machine: two laptops that wrap the same
 * PadChest-GR image as DICOM name it alike, and the server keeps one copy.
 * At most 44 characters (2.25. and 39 digits); never starts a component with 0.
 */
char *hilum_uid_from_name (const char *name);

G_END_DECLS
