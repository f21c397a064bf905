print('start')
y = 'it\'s
