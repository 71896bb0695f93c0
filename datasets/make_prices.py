#!/usr/bin/env python3
"""Writes a prices file for a data set made by `trueup generate`, the same every time.

Usage: python3 datasets/make_prices.py DIR [--seed N] [--unpriced K]

Reads DIR/forecasts.csv for the customers and items, and writes DIR/prices.csv
(customer,item,unit_price,unit_cost):
- a general price (no customer) for every item but the last K (default 2), which
  stay unpriced: trueup counts and names them, never values them at 0;
- a unit cost of 55-80% of the price for three items in four; the others have
  none, so their excess stock is valued at the price;
- for one customer in four, its own discounted price (85-95% of the general
  one) on three of its items: a customer's own price wins over the general one.
"""
import argparse
import csv
import math
import random

parser = argparse.ArgumentParser()
parser.add_argument("directory")
parser.add_argument("--seed", type=int, default=2024)
parser.add_argument("--unpriced", type=int, default=2)
args = parser.parse_args()

customers, items = set(), set()
with open(f"{args.directory}/forecasts.csv", newline="", encoding="utf-8-sig") as f:
    for row in csv.DictReader(f):
        customers.add(row["customer"])
        items.add(row["item"])
customers, items = sorted(customers), sorted(items)
rnd = random.Random(args.seed)
priced = items[:max(0, len(items) - args.unpriced)]

rows = []
general = {}
for k, item in enumerate(priced):
    price = round(math.exp(rnd.uniform(math.log(1.5), math.log(90))), 2)
    general[item] = price
    cost = round(price * rnd.uniform(0.55, 0.80), 2) if k % 4 != 3 else ""
    rows.append(["", item, f"{price:.2f}", f"{cost:.2f}" if cost != "" else ""])
for c, customer in enumerate(customers):
    if c % 4 != 1 or not priced:
        continue
    for item in rnd.sample(priced, min(3, len(priced))):
        price = round(general[item] * rnd.uniform(0.85, 0.95), 2)
        rows.append([customer, item, f"{price:.2f}", ""])

with open(f"{args.directory}/prices.csv", "w", newline="", encoding="utf-8") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(["customer", "item", "unit_price", "unit_cost"])
    writer.writerows(rows)
print(f"Wrote {args.directory}/prices.csv ({len(rows)} rows: {len(priced)} general prices, "
      f"{len(rows) - len(priced)} customer prices, {len(items) - len(priced)} items unpriced).")
