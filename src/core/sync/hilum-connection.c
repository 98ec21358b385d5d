/* hilum-connection.c — connecting to a server: test it, keep its password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "hilum-connection"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hilum-connection.h"
#include "hilum-credentials.h"

typedef struct
{
  HilumServer *server;
  char        *password;
  gboolean     keep;
} Job;

static void
job_free (Job *job)
{
  hilum_server_free (job->server);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(HilumHttpClient) client = hilum_http_client_new (job->server, job->password);
  g_autoptr(HilumOrthanc) orthanc = hilum_orthanc_new (client);
  HilumOrthancSystem *system;
  GError *error = NULL;

  system = hilum_orthanc_get_system (orthanc, TRUE, cancellable, &error);
  if (system == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->keep)
    {
      gboolean kept = job->password != NULL && *job->password != '\0'
                      ? hilum_credentials_store (job->server, job->password, cancellable, &error)
                      : hilum_credentials_clear (job->server, cancellable, &error);

      if (!kept)
        {
          hilum_orthanc_system_free (system);
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_pointer (task, system, (GDestroyNotify) hilum_orthanc_system_free);
}

static void
start (const HilumServer   *server,
       const char          *password,
       gboolean             keep,
       gpointer             tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->server = hilum_server_copy (server);
  job->password = g_strdup (password);
  job->keep = keep;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, test_thread);
}

void
hilum_connection_test_async (const HilumServer   *server,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (server != NULL);
  start (server, password, FALSE, hilum_connection_test_async, cancellable, callback, user_data);
}

HilumOrthancSystem *
hilum_connection_test_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
hilum_connection_connect_async (const HilumServer   *server,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (server != NULL);
  start (server, password, TRUE, hilum_connection_connect_async, cancellable, callback, user_data);
}

HilumOrthancSystem *
hilum_connection_connect_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char *password = hilum_credentials_lookup (task_data, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, g_free);
}

void
hilum_connection_lookup_password_async (const HilumServer   *server,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (server != NULL);
  g_task_set_source_tag (task, hilum_connection_lookup_password_async);
  g_task_set_task_data (task, hilum_server_copy (server), (GDestroyNotify) hilum_server_free);
  g_task_run_in_thread (task, lookup_thread);
}

char *
hilum_connection_lookup_password_finish (GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
hilum_connection_describe_system (const HilumOrthancSystem *system)
{
  g_return_val_if_fail (system != NULL, NULL);

  if (system->name != NULL && *system->name != '\0')
    /* TRANSLATORS: Test Connection's answer: the server's version, then its name */
    return g_strdup_printf (_("Connected: Orthanc %s, “%s”."), system->version, system->name);
  return g_strdup_printf (_("Connected: Orthanc %s."), system->version);
}
