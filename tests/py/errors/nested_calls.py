class Account:
    def __init__(self, balance):
        self.balance = balance
    def withdraw(self, amount):
        if amount > self.balance:
            raise ValueError(f"insufficient funds: {self.balance} < {amount}")
        self.balance -= amount
def process(acct, amounts):
    for a in amounts:
        acct.withdraw(a)
def main():
    acct = Account(100)
    process(acct, [30, 50, 40])
main()
