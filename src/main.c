/* main.c — the Hilum desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "hilum-application.h"
#include "hilum-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(HilumApplication) app = NULL;

  hilum_locale_init ();
  /* hilum_locale_init() has set the locale, with its fallback for one this machine
   * lacks; GTK would set it again and warn about the missing one. */
  gtk_disable_setlocale ();

  g_set_application_name (_("Hilum"));

  app = hilum_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
