class_ = 1
import = 2
