/* hilum-locale.h — the user's language, and where its translations are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Sets the locale from the environment and binds Hilum's message catalogue:
 * from $HILUM_LOCALEDIR when set (`meson devenv` and the tests point it at the build
 * tree's po/, where the uninstalled catalogue is), else from the install prefix.
 * When the environment names a locale this machine has not generated
 * (LANG=es_ES.UTF-8 on a fresh Debian), the C.UTF-8 locale is used and the language
 * is still honoured through LANGUAGE, so the interface is Spanish all the same.
 */
void hilum_locale_init (void);

G_END_DECLS
