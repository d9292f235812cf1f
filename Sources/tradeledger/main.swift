print("tradeledger")
