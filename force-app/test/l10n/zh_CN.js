// Import first in a test file to run it as a zh_CN user (labels from the translation file).
require('./glocalLocale').useLocale('zh_CN');
