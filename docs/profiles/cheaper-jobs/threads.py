import sys, re, collections
# threads.py threads.txt FROM TO: CPU seconds per thread group between the snapshots around [FROM, TO]
path, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
snaps = []; cur = None
for line in open(path):
    if line.startswith('T '):
        cur = {}; snaps.append((float(line.split()[1]), cur)); continue
    r = line.rfind(')')
    if r < 0 or cur is None: continue
    tid = int(line[:line.index(' ')]); comm = line[line.index('(') + 1:r]
    f = line[r + 2:].split()
    cur[tid] = (comm, (int(f[11]) + int(f[12])) / 100.0)
a = max((s for s in snaps if s[0] <= t0), key=lambda s: s[0], default=snaps[0])
b = min((s for s in snaps if s[0] >= t1), key=lambda s: s[0], default=snaps[-1])
def group(c):
    for p, g in [('C2 Compiler', 'JIT (C2)'), ('C1 Compiler', 'JIT (C1)'), ('GC Thread', 'GC'), ('G1 ', 'GC'),
                 ('VM Thread', 'VM thread'), ('Executor task', 'executor task threads'), ('dag-scheduler', 'dag-scheduler-event-loop'),
                 ('sparktune-fold', 'sparktune fold threads'), ('spark-listener', 'listener bus'), ('dispatcher-even', 'rpc dispatcher (local backend)'),
                 ('task-result-get', 'task-result-getter'), ('sparktune', 'sparktune other')]:
        if c.startswith(p): return g
    return 'other: ' + re.sub(r'[0-9]+', 'N', c)
tot = collections.Counter(); seen = 0.0
for tid, (comm, cpu) in b[1].items():
    d = cpu - (a[1][tid][1] if tid in a[1] else 0.0)
    tot[group(comm)] += d; seen += d
print('window %.1f-%.1f (snapshots %.1f-%.1f), live-thread CPU %.1f s' % (t0, t1, a[0], b[0], seen))
for g, v in tot.most_common(): print('%7.2f s  %5.1f %%  %s' % (v, 100 * v / seen if seen else 0, g))
