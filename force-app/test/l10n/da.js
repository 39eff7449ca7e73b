// Import first in a test file to run it as a da user (labels from the translation file).
require('./glocalLocale').useLocale('da');
