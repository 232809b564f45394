"""What a developer writes instead of sopkit's critical path: networkx on the
layered process graph of inputs.py. networkx has a longest path but no CPM,
so the forward/backward pass with slack is written in Python over its
adjacency, as a user would.

  /usr/bin/python3 bench/baselines/cpm_networkx.py [--n 1000000] [--w 50] [--repeats 3]
"""
import argparse

import networkx as nx

from inputs import layered_graph
from splitmix import banner, measure, report


def critical_path(graph, order, duration):
    """Project duration and slack per step (earliest/latest start, activity on
    node), with plain loops: the fastest form of this in Python."""
    earliest = {}
    for v in order:
        start = 0.0
        for u in graph.pred[v]:
            finish = earliest[u] + duration[u]
            if finish > start:
                start = finish
        earliest[v] = start
    end = max(earliest[v] + duration[v] for v in order)
    latest = {}
    for v in reversed(order):
        finish = end
        for s in graph.succ[v]:
            if latest[s] < finish:
                finish = latest[s]
        latest[v] = finish - duration[v]
    return end, {v: latest[v] - earliest[v] for v in order}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--w", type=int, default=50)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    banner(f"graph: networkx {nx.__version__}")

    source, destination, duration = layered_graph(a.n, a.w)
    print(f"generated N={a.n} E={source.size} layers={a.n // a.w}")
    items = a.n + source.size
    flows = list(zip(source.tolist(), destination.tolist(), duration[source].tolist()))
    minutes = duration.tolist()

    def build():
        graph = nx.DiGraph()
        graph.add_nodes_from(range(a.n))
        graph.add_weighted_edges_from(flows)
        return graph

    seconds, graph = measure(build, a.repeats)
    report("nx DiGraph build (add_weighted_edges_from)", seconds, items, "node+edge")
    seconds, order = measure(lambda: list(nx.topological_sort(graph)), a.repeats)
    report("nx topological_sort", seconds, items, "node+edge")
    seconds, path = measure(lambda: nx.dag_longest_path(graph, weight="weight"), a.repeats)
    length = sum(graph[u][v]["weight"] for u, v in zip(path, path[1:]))
    print(f"longest path: {len(path)} nodes, length {length:.0f}")
    report("nx dag_longest_path (weighted)", seconds, items, "node+edge")
    seconds, (finish, slack) = measure(lambda: critical_path(graph, order, minutes), a.repeats)
    print(f"CPM: project duration {finish:.0f}, critical nodes {sum(1 for s in slack.values() if s == 0)}")
    report("python CPM fwd+bwd over nx adjacency (given order)", seconds, items, "node+edge")


if __name__ == "__main__":
    main()
