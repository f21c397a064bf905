def forgot_return():
    x = 1
callback = forgot_return()
callback()
