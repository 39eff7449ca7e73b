// Import first in a test file to run it as a ar user (labels from the translation file).
require('./glocalLocale').useLocale('ar');
