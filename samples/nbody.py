"""A small gravitational n-body simulation with numpy broadcasting: pairwise displacement
tensors, softened inverse-cube forces, leapfrog integration, energy and momentum checks."""
import numpy as np


def accelerations(pos, mass, soft):
    d = pos[None, :, :] - pos[:, None, :]
    r2 = (d * d).sum(axis=2) + soft * soft
    inv3 = r2 ** -1.5
    n = len(mass)
    inv3[np.arange(n), np.arange(n)] = 0.0
    return (d * (inv3 * mass[None, :])[:, :, None]).sum(axis=1)


def energy(pos, vel, mass, soft):
    kinetic = 0.5 * (mass * (vel * vel).sum(axis=1)).sum()
    d = pos[None, :, :] - pos[:, None, :]
    r = np.sqrt((d * d).sum(axis=2) + soft * soft)
    pot = 0.0
    for i in range(len(mass)):
        for j in range(i + 1, len(mass)):
            pot -= mass[i] * mass[j] / r[i, j]
    return kinetic + pot


np.random.seed(7)
n = 8
pos = np.random.uniform(-1.0, 1.0, size=(n, 3))
vel = np.random.normal(0.0, 0.1, size=(n, 3))
mass = np.random.uniform(0.5, 1.5, size=n)
vel -= (mass[:, None] * vel).sum(axis=0) / mass.sum()
soft, dt = 0.1, 0.01
e0 = energy(pos, vel, mass, soft)
acc = accelerations(pos, mass, soft)
for step in range(200):
    vel += 0.5 * dt * acc
    pos += dt * vel
    acc = accelerations(pos, mass, soft)
    vel += 0.5 * dt * acc
    if step % 50 == 0:
        print(step, np.round(pos[0], 6), round(float(energy(pos, vel, mass, soft)), 8))
e1 = energy(pos, vel, mass, soft)
print("relative energy drift: %.3e" % abs((e1 - e0) / e0))
print("momentum:", np.abs((mass[:, None] * vel).sum(axis=0)).max() < 1e-12)
print(np.round(pos, 4))
print(repr(mass))
