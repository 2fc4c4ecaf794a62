<?php
echo "TWLan legacy";
