// SPDX-License-Identifier: GPL-2.0
/* Freeing what sema (or the compile cache) put in a bt_prog. */
#include <stdlib.h>

#include "prog.h"

void bt_prog_free(struct bt_prog *p)
{
	free(p->obj);
	for (size_t i = 0; i < p->nmaps; i++) {
		free(p->maps[i].name);
		free(p->maps[i].bpf_name);
	}
	free(p->maps);
	for (size_t i = 0; i < p->nprobes; i++) {
		struct bt_probe *pr = &p->probes[i];
		for (size_t k = 0; k < pr->ntargets; k++) {
			free(pr->targets[k].name);
			free(pr->targets[k].provider);
			free(pr->targets[k].target);
			free(pr->targets[k].setup);
		}
		free(pr->targets);
		free(pr->prog_name);
		free(pr->section);
	}
	free(p->probes);
	for (size_t i = 0; i < p->nfmts; i++) {
		free(p->fmts[i].fmt);
		free(p->fmts[i].compiled);
	}
	free(p->fmts);
	free(p->hsites);
	for (size_t i = 0; i < p->nprobe_names; i++)
		free(p->probe_names[i]);
	free(p->probe_names);
	for (size_t i = 0; i < p->nwarnings; i++)
		free(p->warnings[i].msg);
	free(p->warnings);
}
