/* hilum-cli-sync.c — hilum-cli sync (the store with an Orthanc server)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   hilum-cli sync [--store DB] --server URL [--dicomweb-root PATH] [--ca FILE]
 *                  [--user USER] [--json]
 *
 * The password comes from HILUM_PASSWORD, else from the keyring (what the app saved for
 * this server and user). Pulls the server's studies and documents, merges, pushes the
 * pending edits. --json prints {pushed, pulled, merged, conflicts: [{study, finding_id,
 * field, local, remote}], deleted_on_server: […], problems: […]}; otherwise one line
 * of counts on stdout. Problems with single studies are warnings on stderr.
 */
#define G_LOG_DOMAIN "hilum-cli-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "hilum-cli-common.h"
#include "hilum-cli-sync.h"
#include "hilum-credentials.h"
#include "hilum-sync-engine.h"

static JsonNode *
parse_value (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      json_parser_get_root (parser) == NULL)
    return json_node_new (JSON_NODE_NULL);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *
summary_to_json (HilumSyncSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "pushed");
  json_builder_add_int_value (builder, summary->pushed);
  json_builder_set_member_name (builder, "pulled");
  json_builder_add_int_value (builder, summary->pulled);
  json_builder_set_member_name (builder, "merged");
  json_builder_add_int_value (builder, summary->merged);
  json_builder_set_member_name (builder, "uploaded");
  json_builder_add_int_value (builder, summary->uploaded);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->conflicts->len; i++)
    {
      HilumSyncConflict *conflict = summary->conflicts->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "study");
      json_builder_add_string_value (builder, conflict->study_id);
      json_builder_set_member_name (builder, "finding_id");
      if (conflict->finding_id != NULL)
        json_builder_add_string_value (builder, conflict->finding_id);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, conflict->field);
      json_builder_set_member_name (builder, "local");
      json_builder_add_value (builder, parse_value (conflict->local));
      json_builder_set_member_name (builder, "remote");
      json_builder_add_value (builder, parse_value (conflict->remote));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "deleted_on_server");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->deleted_on_server->len; i++)
    json_builder_add_string_value (builder, summary->deleted_on_server->pdata[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->problems->len; i++)
    json_builder_add_string_value (builder, summary->problems->pdata[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

int
hilum_cli_sync (int    argc,
                char **argv)
{
  g_autofree char *store_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *root = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, N_("The store (default: the user’s)"), N_("DB") },
    { "server", 0, 0, G_OPTION_ARG_STRING, &url, N_("The server’s address (https://…)"), N_("URL") },
    { "dicomweb-root", 0, 0, G_OPTION_ARG_STRING, &root, N_("Path of the DICOMweb service on the server (default: /dicom-web)"), N_("PATH") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, &ca, N_("Trust the certificate authorities of this PEM file too"), N_("FILE") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("User name on the server"), N_("USER") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what was synced as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(HilumServer) server = NULL;
  g_autoptr(HilumHttpClient) client = NULL;
  g_autoptr(HilumOrthanc) orthanc = NULL;
  g_autoptr(HilumOrthancSystem) system = NULL;
  g_autoptr(HilumStore) store = NULL;
  g_autoptr(HilumSyncEngine) engine = NULL;
  g_autoptr(HilumSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  context = hilum_cli_option_context_new ("sync", NULL,
                                          _("Sync the store with an Orthanc server: pull its studies and "
                                            "documents, merge, push the pending edits. The password comes "
                                            "from HILUM_PASSWORD or the keyring."),
                                          entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return hilum_cli_fail ("%s", error->message);
  if (url == NULL)
    return hilum_cli_fail ("%s", _("Give the server; usage: hilum-cli sync [--store DB] --server URL "
                                   "[--user USER] [--json]"));
  if ((server = hilum_server_new (url, root, user, ca, &error)) == NULL)
    return hilum_cli_fail ("%s", error->message);

  if (g_getenv ("HILUM_PASSWORD") != NULL)
    password = g_strdup (g_getenv ("HILUM_PASSWORD"));
  else if (server->user != NULL)
    {
      password = hilum_credentials_lookup (server, NULL, &error);
      if (password == NULL)
        {
          if (error != NULL)
            return hilum_cli_fail (_("%s Set HILUM_PASSWORD instead."), error->message);
          return hilum_cli_fail (_("No password for %s is kept in the keyring; set HILUM_PASSWORD."),
                                 server->user);
        }
    }

  if ((store = hilum_cli_open_store (store_path)) == NULL)
    return 1;

  client = hilum_http_client_new (server, password);
  orthanc = hilum_orthanc_new (client);
  /* Asked first, so a wrong address, certificate or password fails before anything. */
  if ((system = hilum_orthanc_get_system (orthanc, FALSE, NULL, &error)) == NULL)
    return hilum_cli_fail ("%s", error->message);

  engine = hilum_sync_engine_new (store, orthanc);
  if (!hilum_sync_engine_run (engine, &summary, NULL, &error))
    return hilum_cli_fail ("%s", error->message);

  if (json)
    {
      g_autoptr(JsonNode) node = summary_to_json (summary);

      hilum_cli_print_json (node, TRUE);
    }
  else
    {
      g_autofree char *name = hilum_server_get_display_name (server);

      /* TRANSLATORS: counts of one sync; %s is the server */
      g_print (_("Synced with %s: %u pushed, %u pulled, %u merged, %u conflicts.\n"), name,
               summary->pushed, summary->pulled, summary->merged, summary->conflicts->len);
      for (guint i = 0; i < summary->conflicts->len; i++)
        {
          HilumSyncConflict *conflict = summary->conflicts->pdata[i];

          g_print (_("Conflict in %s, %s: here %s, on the server %s\n"), conflict->study_id,
                   conflict->field, conflict->local, conflict->remote);
        }
    }
  for (guint i = 0; i < summary->deleted_on_server->len; i++)
    {
      g_autofree char *line = g_strdup_printf (_("warning: %s was deleted on the server; it is kept here"),
                                               (const char *) summary->deleted_on_server->pdata[i]);

      hilum_cli_print_error (line);
    }
  for (guint i = 0; i < summary->problems->len; i++)
    {
      g_autofree char *line = g_strdup_printf (_("warning: %s"), (const char *) summary->problems->pdata[i]);

      hilum_cli_print_error (line);
    }
  return 0;
}
