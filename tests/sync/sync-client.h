/* sync-client.h — what the sync tests share: one real server for the run, and clients
 * (a store of their own, a connection, an engine)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "hilum-orthanc.h"
#include "hilum-server.h"
#include "hilum-store.h"
#include "hilum-sync-engine.h"
#include "hilum-test-server.h"

typedef struct
{
  HilumStore      *store;
  HilumOrthanc    *orthanc;
  HilumSyncEngine *engine;
} Client;

/* The server of the run (hilum-test-server), a folder for the run's files, and a counter
 * that makes every store, study and file name of the run its own. */
extern HilumTestServer *server;
extern char            *work_dir;
extern guint            counter;

/* g_test_init, the folder and the server; sync_client_finish stops and removes them. */
void              sync_client_init   (int          *argc,
                                      char       ***argv);
void              sync_client_finish (void);

HilumServer      *make_server        (const char   *url,
                                      const char   *ca_file);
/* A client of @url with a new store; uploads come from image_source_cb (an 8×8 PNG
 * wrapped as Secondary Capture). */
Client           *client_new_for     (const char   *url,
                                      const char   *password);
/* A client of the TLS proxy with the right password. */
Client           *client_new         (void);
void              client_free        (Client       *client);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Client, client_free)

/* A sync run that must succeed without problems. */
HilumSyncSummary *sync_ok            (Client       *client);
/* A new study id; its document with @n_findings findings f0, f1 … (English "Finding N."). */
char             *new_study          (Client       *client,
                                      guint         n_findings);

/* A DICOM study only the server has (as a modality would send it, by STOW-RS): two
 * SERVER_STUDY_SIDE² images, PA then LL, of pixels server_study_pixel (view, i), dated
 * 2024-03-05, with @tags (dcmodify assignments, nullable; later ones win) besides. Its
 * Study Instance UID. */
#define SERVER_STUDY_SIDE 16
char             *server_study       (Client             *client,
                                      const char * const *tags);
guint16           server_study_pixel (guint               view,
                                      guint               i);

/* For the eye: HILUM_SCREENSHOT_DIR=DIR writes the screen, once GTK has painted, to
 * DIR/NAME.png (needs a main loop: the GTK tests). */
void              maybe_screenshot   (const char         *name);
