"""A class hierarchy simulation: accounts with inheritance, properties, dunders and exceptions."""
from abc import ABC, abstractmethod
from dataclasses import dataclass, field


class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__(f"{account.owner}: cannot withdraw {amount}, balance {account.balance}")
        self.amount = amount


@dataclass(order=True)
class Transaction:
    day: int
    kind: str
    amount: int = field(compare=False)


class Account(ABC):
    count = 0

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.history = []
        Account.count += 1

    @property
    def balance(self):
        return self._balance

    def deposit(self, day, amount):
        self._balance += amount
        self.history.append(Transaction(day, "deposit", amount))

    def withdraw(self, day, amount):
        if amount > self.limit():
            raise InsufficientFunds(self, amount)
        self._balance -= amount
        self.history.append(Transaction(day, "withdraw", amount))

    @abstractmethod
    def limit(self):
        ...

    def month_end(self, day):
        pass

    def __repr__(self):
        return f"{type(self).__name__}({self.owner!r}, {self.balance})"

    def __lt__(self, other):
        return self.balance < other.balance


class Checking(Account):
    overdraft = 100

    def limit(self):
        return self.balance + self.overdraft


class Savings(Account):
    rate_percent = 2

    def limit(self):
        return self.balance

    def month_end(self, day):
        interest = self.balance * self.rate_percent // 100
        if interest:
            self.deposit(day, interest)


class Premium(Checking, Savings):
    overdraft = 1000


accounts = [Checking("ann", 50), Savings("bob", 1000), Premium("cy", 500)]
print([k.__name__ for k in Premium.__mro__])
events = [(1, 0, "withdraw", 120), (2, 1, "withdraw", 1200), (3, 2, "withdraw", 1400),
          (4, 0, "deposit", 500), (5, 1, "deposit", 250), (6, 0, "withdraw", 600)]
for day, idx, kind, amount in events:
    acct = accounts[idx]
    try:
        getattr(acct, kind)(day, amount)
        print(f"day {day}: {kind} {amount} -> {acct}")
    except InsufficientFunds as e:
        print(f"day {day}: refused: {e}")
for acct in accounts:
    acct.month_end(30)
print(sorted(accounts))
print("richest:", max(accounts).owner, "| accounts opened:", Account.count)
for acct in accounts:
    print(acct.owner, [f"{t.day}:{t.kind}:{t.amount}" for t in sorted(acct.history, reverse=True)])
try:
    Account("nobody")
except TypeError as e:
    print("TypeError:", e)
