import GRDB
import Trueup
