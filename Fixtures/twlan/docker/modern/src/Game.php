<?php
echo "TWLan modern";
